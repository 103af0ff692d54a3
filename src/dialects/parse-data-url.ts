// Media that arrives as a URL: data: URLs, and a media type guessed from a file name (OpenAI dialects).

/** The media type and base64 payload of a `data:…;base64,` URL (type lowercased, whitespace dropped). */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const m = /^data:([\w.+-]+\/[\w.+-]+)(?:;[^;,]*)*;base64,(.*)$/s.exec(url);
  if (!m?.[1] || m[2] === undefined) return undefined;
  return { mimeType: m[1].toLowerCase(), data: m[2].replace(/\s+/g, '') };
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** The media type a file name's (or URL's) extension names; undefined when it names none we know. */
export function guessMimeType(name: string): string | undefined {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(MIME_BY_EXTENSION, ext) ? MIME_BY_EXTENSION[ext] : undefined;
}
