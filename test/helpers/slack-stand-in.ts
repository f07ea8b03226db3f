// The stand-in itself lives in src/stand-in (the sandbox runs on it); tests import it from here.
export * from '../../src/stand-in/index.ts';
