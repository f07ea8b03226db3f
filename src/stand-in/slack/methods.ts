import type { MethodHandler } from './method-kit.ts';
import { channelMethods } from './methods-channels.ts';
import { chatMethods } from './methods-chat.ts';
import { conversationMethods } from './methods-conversations.ts';
import { fileMethods } from './methods-files.ts';
import { userMethods } from './methods-users.ts';

/** Every Web API method the stand-in answers; anything else is unknown_method. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries({
    ...userMethods,
    ...chatMethods,
    ...conversationMethods,
    ...channelMethods,
    ...fileMethods,
  }),
);
