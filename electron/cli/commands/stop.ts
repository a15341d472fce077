import { stopBroadcast } from '../../golive';
import type { Command } from '../command';
import { broadcastServicesFor } from '../client-for';
import { booleanOption } from '../options';
import { stepPrinter } from '../step-progress';
import { obsOption } from './golive';

export const stopCommand: Command = {
  path: ['stop'],
  args: ['CHANNEL'],
  summary: 'stop streaming: stop OBS, put your OBS stream settings back, optionally disable the channel',
  details:
    "Works from any terminal, also after the 'golive' process ended or crashed: the settings 'golive' saved are\n" +
    'on disk. It closes the broadcast the local history has open for CHANNEL, also when OBS crashed and streams no\n' +
    'more. Safe to repeat: with OBS not streaming and nothing saved it says so and exits 0. A stream OBS sends\n' +
    'somewhere else (not to CHANNEL) is left alone (exit 1).',
  options: {
    obs: obsOption,
    disable: { type: 'boolean', description: 'also disable the channel, so OSS refuses any further publish to it' },
  },
  connects: true,
  async run({ args: [channel = ''], values, env, json, stdout, signal }) {
    const services = await broadcastServicesFor(values, env);
    try {
      const result = await stopBroadcast(services.deps, { channel, disable: booleanOption(values, 'disable'), signal }, json ? undefined : stepPrinter(stdout));
      const recordedEnd = result.steps.some((step) => step.id === 'record-end' && step.state === 'done');
      const acted = result.stoppedStream || result.restored || result.disabled;
      const summary = acted
        ? `Stopped: channel ${channel}${result.restored ? '; your OBS settings are back' : ''}${result.disabled ? '; the channel is disabled' : ''}.`
        : recordedEnd
          ? `OBS was not streaming to channel ${channel} any more (it stopped or crashed); recorded the end of its broadcast in the local history.`
          : `Nothing to do for channel ${channel}: OBS was not streaming and no saved OBS settings were waiting.`;
      return { data: result, text: [summary, ...result.warnings.map((warning) => `warning: ${warning}`)].join('\n') };
    } finally {
      await services.close();
    }
  },
};
