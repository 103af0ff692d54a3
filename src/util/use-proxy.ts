// HTTPS_PROXY / HTTP_PROXY / NO_PROXY for every upstream call. Node's fetch ignores these variables,
// so a proxy-aware dispatcher is installed globally, and only when one is configured: undici is
// imported lazily and costs nothing otherwise.
import { sendThroughFetch } from './send-http.js';

/** The proxy settings (config's `proxy`), written out here: util/ imports nothing above it. */
interface ProxySettings {
  https?: string;
  http?: string;
  noProxy?: string;
}

export async function useProxy(proxy: ProxySettings): Promise<boolean> {
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
