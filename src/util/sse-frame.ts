// Serializes one SSE frame. Data is JSON, so it never holds a raw newline.

export const sseData = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

export const sseEvent = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const sseComment = (text: string): string => `: ${text}\n\n`;
