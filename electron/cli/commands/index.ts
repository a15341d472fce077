import type { Command } from '../command';
import { channelCommands } from './channel';
import { goliveCommand } from './golive';
import { localCommand } from './local';
import { monitorCommand } from './monitor';
import { profileCommands } from './profile';
import { signCommand } from './sign';
import { stopCommand } from './stop';
import { vodCommands } from './vod';
import { webCommand } from './web';

/** Every `oss-live` command, in the order help lists them. */
export const commands: Command[] = [...channelCommands, signCommand, ...vodCommands, goliveCommand, stopCommand, monitorCommand, ...profileCommands, localCommand, webCommand];
