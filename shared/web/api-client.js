// Every call to the codecurrent API goes through here: base address, bearer token, and errors
// turned into messages a reviewer can act on.

export class ApiFailure extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {string} apiBase e.g. `/api` locally, the HTTP API's URL in AWS
 * @param {{ token(): string | undefined }} session
 * @param {() => void} onUnauthorized
 */
export function createApiClient(apiBase, session, onUnauthorized) {
  /** @param {string} path @param {Record<string, string | string[] | undefined>} [params] */
  const url = (path, params = {}) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (Array.isArray(value)) {
        if (value.length > 0) query.set(name, value.join(","));
      } else if (value) {
        query.set(name, value);
      }
    }
    const text = query.toString();
    return `${apiBase.replace(/\/$/, "")}${path}${text ? `?${text}` : ""}`;
  };
  /** @param {string} path @param {Record<string, string | string[] | undefined>} [params] */
  const call = async (path, params) => {
    const token = session.token();
    const response = await fetch(url(path, params), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (response.status === 401) {
      onUnauthorized();
      throw new ApiFailure(401, "Your session has ended: sign in again.");
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new ApiFailure(response.status, body.message ?? `The server answered ${response.status}.`);
    }
    return response;
  };
  return {
    /** @param {string} path @param {Record<string, string | string[] | undefined>} [params] */
    async json(path, params) {
      return (await call(path, params)).json();
    },
    /** Downloads a file answer and hands it to the browser as a download. */
    async download(
      /** @type {string} */ path,
      /** @type {Record<string, string | string[] | undefined>} */ params,
    ) {
      const response = await call(path, params);
      const disposition = response.headers.get("content-disposition") ?? "";
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "codecurrent-export";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      return name;
    },
  };
}
