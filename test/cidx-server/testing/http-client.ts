/** Tiny fetch helpers for tests that talk to the double over real HTTP. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

// Tests poke at arbitrary JSON fields of responses; a loose default keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

export interface ApiClient {
  request<T = AnyJson>(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  get<T = AnyJson>(path: string, token?: string | null): Promise<ApiResponse<T>>;
  /** Logs in and returns the access token (throws if the login is not a 200 token). */
  login(username: string, password: string): Promise<string>;
}

export function apiClient(baseUrl: string): ApiClient {
  const request: ApiClient['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? null
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Non-JSON bodies (faults, proxies) stay as text.
    }
    return { status: response.status, headers: response.headers, body: body as never, text };
  };
  return {
    request,
    get: (path, token) => request('GET', path, { token: token ?? null }),
    login: async (username, password) => {
      const response = await request<{ access_token?: string }>('POST', '/auth/login', {
        body: { username, password },
      });
      if (response.status !== 200 || !response.body.access_token)
        throw new Error(`login ${username} failed: ${response.status}`);
      return response.body.access_token;
    },
  };
}

/** Decodes a JWT payload without verifying it (tests only). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
