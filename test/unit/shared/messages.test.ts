import { describe, expect, it } from 'vitest';

import type { LocalizedText } from '../../../shared/messages';
import { englishMessages, list, msg, placeholdersOf, renderMessage, verbatim } from '../../../shared/messages';
import { zhCN } from '../../../shared/messages/zh-CN';

/** Every message of a catalogue by its dotted key. */
function flatten(node: object, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [name, value] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') entries.set(key, value);
    else for (const [inner, text] of flatten(value as object, key)) entries.set(inner, text);
  }
  return entries;
}

const verbatimList = (items: LocalizedText[]): LocalizedText => msg('verbatim', { text: list(items, 'sentences') });

const english = flatten(englishMessages);
const chinese = flatten(zhCN);

describe('message catalogues', () => {
  it('zh-CN has exactly the keys of English, the source of truth', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(150);
  });

  it('each message uses the same parameters in both languages', () => {
    const mismatches = [...english].flatMap(([key, template]) => {
      const expected = placeholdersOf(template).sort();
      const actual = placeholdersOf(chinese.get(key) ?? '').sort();
      return expected.join() === actual.join() ? [] : [{ key, expected, actual }];
    });
    expect(mismatches).toEqual([]);
  });

  it('every message that has words is translated', () => {
    const untranslated = [...english].filter(([key, template]) => {
      const words = template.replace(/\{\{\s*\w+\s*\}\}/g, '');
      return /[A-Za-z]/.test(words) && chinese.get(key) === template;
    });
    expect(untranslated).toEqual([]);
  });
});

describe('renderMessage', () => {
  it('fills parameters, rendering nested messages and lists in the same language', () => {
    const what = msg('alerts.codecBoth', { video: 'HEVC', audio: 'Opus' });
    const text = msg('alerts.codec', { what });
    expect(renderMessage(text)).toMatch(/^OBS sends HEVC video and Opus audio, but OSS LiveChannel takes only/);
    expect(renderMessage(text, zhCN)).toMatch(/^OBS 发送的是 HEVC 视频和 Opus 音频，但 OSS 直播频道仅支持/);

    const facts = list([msg('goLive.factChannelGone', { channel: 'a' }), msg('goLive.factOssUnreachable', { error: 'ETIMEDOUT' })], 'clauses');
    const explained = msg('goLive.failedStart', { lead: msg('obs.couldNotStart'), facts });
    expect(renderMessage(explained)).toBe(
      'OBS could not start the stream. What OSS knows: channel "a" no longer exists; OSS could not be asked (ETIMEDOUT).',
    );
    expect(renderMessage(explained, zhCN)).toBe('OBS 无法开始推流。OSS 掌握的情况：直播频道“a”已不存在；无法查询 OSS（ETIMEDOUT）。');

    // Sentences: a space between them in English, nothing between them in Chinese.
    const sentences = verbatimList([msg('obs.couldNotStart'), msg('obs.alreadyStreaming')]);
    expect(renderMessage(sentences)).toBe('OBS could not start the stream. OBS is already streaming.');
    expect(renderMessage(sentences, zhCN)).toBe('OBS 无法开始推流。OBS 已在推流。');
  });

  it('keeps text from elsewhere as it is, in every language', () => {
    const serverSays = 'The request signature we calculated does not match the signature you provided.';
    expect(renderMessage(verbatim(serverSays), zhCN)).toBe(serverSays);
    expect(renderMessage(msg('oss.hints.SignatureDoesNotMatch', { message: serverSays }), zhCN)).toBe(
      `${serverSays} AccessKey Secret 与 AccessKey ID 不匹配：请检查配置中的 Secret。`,
    );
  });

  it('leaves a missing parameter as its placeholder and an unknown key as the key, as i18next does', () => {
    expect(renderMessage({ key: 'units.seconds' })).toBe('{{value}} s');
    expect(renderMessage({ key: 'no.such.key' } as unknown as LocalizedText)).toBe('no.such.key');
  });
});
