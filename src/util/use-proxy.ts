// HTTPS_PROXY / HTTP_PROXY / NO_PROXY for every upstream call. Node's fetch ignores these variables,
// so a proxy-aware dispatcher is installed globally, and only when one is configured: undici is
// imported lazily and costs nothing otherwise.
import type { Config } from '../config/schema.js';
import { sendThroughFetch } from './send-http.js';

export async function useProxy(proxy: Config['proxy']): Promise<boolean> {
  if (!proxy.https && !proxy.http) return false;
  const { EnvHttpProxyAgent, setGlobalDispatcher } = await import('undici');
  setGlobalDispatcher(
    new EnvHttpProxyAgent({
      ...(proxy.http ? { httpProxy: proxy.http } : {}),
      ...(proxy.https ? { httpsProxy: proxy.https } : {}),
      ...(proxy.noProxy !== undefined ? { noProxy: proxy.noProxy } : {}),
    }),
  );
  sendThroughFetch();
  return true;
}
