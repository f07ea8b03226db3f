/** A person's action Slack's client would not allow; `message` is meant for that person. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
