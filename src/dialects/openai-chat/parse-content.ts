// Content (a string or parts) of user, system and tool messages → canonical parts.
import type { ImagePart, TextPart } from '../../canonical/index.js';
import { guessMimeType, parseDataUrl } from '../parse-data-url.js';
import { invalidAt, validate } from '../validate.js';
import type { PathItem } from '../validate.js';
import { refusalPartSchema, filePartSchema, imageUrlSchema, inputAudioPartSchema, textPartSchema } from './schema.js';

type ContentWire = string | ReadonlyArray<{ type: string }>;

/** Only text is allowed (system, developer); `refusal` parts of assistant echoes count as text. */
export function parseTextContent(content: ContentWire, path: readonly PathItem[]): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, i) => {
      const at = [...path, i];
      if (part.type === 'text') return validate(textPartSchema, part, at).text;
      if (part.type === 'refusal') return validate(refusalPartSchema, part, at).refusal;
      return invalidAt([...at, 'type'], `'${part.type}' parts are not allowed here; send text`);
    })
    .join('\n');
}

/** User and tool content: text and media. ImagePart is the canonical inline-media part, so audio and files ride in it too. */
export function parseMediaContent(content: ContentWire, path: readonly PathItem[]): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, i) => parseMediaPart(part, [...path, i]));
}

function parseMediaPart(part: { type: string }, at: readonly PathItem[]): TextPart | ImagePart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: validate(textPartSchema, part, at).text };
    case 'image_url': {
      const raw = 'image_url' in part ? part.image_url : undefined;
      if (typeof raw === 'string') return parseImageUrl(raw, [...at, 'image_url']);
      return parseImageUrl(validate(imageUrlSchema, raw, [...at, 'image_url']).url, [...at, 'image_url', 'url']);
    }
    case 'input_audio': {
      const { input_audio } = validate(inputAudioPartSchema, part, at);
      return { type: 'image', mimeType: audioMimeType(input_audio.format), data: input_audio.data };
    }
    case 'file':
      return parseFilePart(part, at);
    default:
      return invalidAt([...at, 'type'], `unsupported content part type '${part.type}' (use text, image_url, input_audio or file)`);
  }
}

function parseImageUrl(url: string, at: readonly PathItem[]): ImagePart {
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url);
    if (!data) invalidAt(at, 'a data URL must look like data:<mime type>;base64,<data>');
    return { type: 'image', mimeType: data.mimeType, data: data.data };
  }
  if (/^(https?|gs):\/\//i.test(url)) return { type: 'image', mimeType: guessMimeType(url) ?? 'image/jpeg', url };
  return invalidAt(at, 'expected an http(s) URL or a data: URL');
}

function parseFilePart(part: { type: string }, at: readonly PathItem[]): ImagePart {
  const { file } = validate(filePartSchema, part, at);
  if (!file.file_data) {
    return invalidAt([...at, 'file', file.file_id ? 'file_id' : 'file_data'], 'uploaded file ids are not supported; send the bytes in file_data');
  }
  const data = parseDataUrl(file.file_data);
  if (data) return { type: 'image', mimeType: data.mimeType, data: data.data };
  const mimeType = file.filename ? guessMimeType(file.filename) : undefined;
  if (!mimeType) return invalidAt([...at, 'file', 'file_data'], 'send a data: URL, or a filename whose extension tells the file type');
  return { type: 'image', mimeType, data: file.file_data };
}

function audioMimeType(format: string): string {
  const f = format.toLowerCase();
  return f === 'mp3' ? 'audio/mpeg' : `audio/${f}`;
}
