// config.json's model-name patterns (`aliases` and `prices` keys): `*` matches any text, everything
// else is literal.

/** @example starPattern('claude-opus-*').test('claude-opus-4-6') // true */
export const starPattern = (key: string): RegExp => new RegExp(`^${key.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
