import type { Command } from '../command';
import { channelCommands } from './channel';
import { signCommand } from './sign';
import { vodCommands } from './vod';

/** Every `oss-live` command, in the order help lists them. */
export const commands: Command[] = [...channelCommands, signCommand, ...vodCommands];
