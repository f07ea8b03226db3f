// Requests as Slack sends them, signed as Slack signs them; shared with the sandbox (src/stand-in).
export * from '../../src/stand-in/requests.ts';
