// Anthropic content blocks → canonical parts.
import type { ImagePart, Part, TextPart, ToolResultPart } from '../../canonical/index.js';
import { assertNever } from '../../canonical/index.js';
import type { SERVER_TOOL_BLOCK_TYPES } from './request-schema.js';
import type {
  ContentBlock,
  WireDocumentBlock,
  WireImageBlock,
  WireSearchResultBlock,
} from './request-schema.js';

type ServerToolBlockType = (typeof SERVER_TOOL_BLOCK_TYPES)[number];

/** tool_use id → tool name, filled while walking the history so tool results can name their call. */
export type ToolNames = Map<string, string>;

const IMAGE_TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
};

/** A URL source carries no media type; guess it from the extension (JPEG when nothing matches). */
function guessMimeType(url: string, fallback: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return IMAGE_TYPES_BY_EXTENSION[ext] ?? fallback;
}

function imagePart(block: WireImageBlock): ImagePart {
  const s = block.source;
  return s.type === 'base64'
    ? { type: 'image', mimeType: s.media_type, data: s.data }
    : { type: 'image', mimeType: guessMimeType(s.url, 'image/jpeg'), url: s.url };
}

/** Text documents become text; PDFs travel as inline data with their media type. */
function documentParts(block: WireDocumentBlock): Array<TextPart | ImagePart> {
  const s = block.source;
  const title: TextPart[] = block.title ? [{ type: 'text', text: block.title }] : [];
  switch (s.type) {
    case 'base64':
      return [...title, { type: 'image', mimeType: s.media_type, data: s.data }];
    case 'url':
      return [...title, { type: 'image', mimeType: guessMimeType(s.url, 'application/pdf'), url: s.url }];
    case 'text':
      return [...title, { type: 'text', text: s.data }];
    case 'content':
      return typeof s.content === 'string'
        ? [...title, { type: 'text', text: s.content }]
        : [...title, ...s.content.map((b) => (b.type === 'text' ? text(b.text) : imagePart(b)))];
    default:
      return assertNever(s);
  }
}

function searchResultText(block: WireSearchResultBlock): TextPart {
  return text([block.title, block.source, ...block.content.map((b) => b.text)].join('\n'));
}

const text = (t: string): TextPart => ({ type: 'text', text: t });

type ResultBlock = TextPart | ImagePart;

function toolResultContent(content: Extract<ContentBlock, { type: 'tool_result' }>['content']): ResultBlock[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return [text(content)];
  return content.flatMap(contentParts);
}

/** The blocks a tool result may hold too: text, images, documents and search results. */
function contentParts(b: Extract<ContentBlock, { type: 'text' | 'image' | 'document' | 'search_result' }>): ResultBlock[] {
  switch (b.type) {
    case 'text':
      return [text(b.text)];
    case 'image':
      return [imagePart(b)];
    case 'document':
      return documentParts(b);
    case 'search_result':
      return [searchResultText(b)];
    default:
      return assertNever(b);
  }
}

/** Converts one block; server-tool traces give no parts. */
export function parseBlock(block: ContentBlock, toolNames: ToolNames): Part[] {
  switch (block.type) {
    case 'text':
    case 'image':
    case 'document':
    case 'search_result':
      return contentParts(block);
    case 'tool_use':
      toolNames.set(block.id, block.name);
      return [{ type: 'tool-call', id: block.id, name: block.name, input: block.input }];
    case 'tool_result': {
      const part: ToolResultPart = { type: 'tool-result', callId: block.tool_use_id, content: toolResultContent(block.content) };
      const name = toolNames.get(block.tool_use_id);
      if (name !== undefined) part.name = name;
      if (block.is_error) part.isError = true;
      return [part];
    }
    case 'thinking':
      // An empty signature is what clients echo when they got none; it is no signature.
      return [{ type: 'thinking', text: block.thinking, ...(block.signature ? { signature: block.signature } : {}) }];
    case 'redacted_thinking':
      return [{ type: 'thinking', text: '', signature: block.data, redacted: true }];
    default: {
      // What remains are server-tool traces: their tools are dropped, so are they.
      const serverBlock: ServerToolBlockType = block.type;
      void serverBlock;
      return [];
    }
  }
}
