// The platform's HTTP API as the storefront uses it. Every refusal is problem+json with a stable
// `code`; callers branch on it (see messages.js), never on the text.

const TOKEN_KEY = 'seckill.accessToken';
const USER_KEY = 'seckill.user';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || 'INTERNAL';
    this.retryAfter = retryAfter;
    this.problem = problem; // its extension members too (PURCHASE_UNCONFIRMED carries orderId and resultPath)
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  user: () => sessionStorage.getItem(USER_KEY),
  save(token, user) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(USER_KEY, user); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY); },
};

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (network) {
    throw new ApiError(0, { code: 'UNAVAILABLE', detail: 'No connection to the shop.' });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiError(response.status, json, Number(response.headers.get('Retry-After')) || undefined);
  }
  return json;
}

export const api = {
  login: (username, password) => call('POST', '/auth/login', { username, password }),
  sales: () => call('GET', '/api/activities'),
  purchaseToken: (activityId) => call('POST', `/api/activities/${encodeURIComponent(activityId)}/purchase-token`),
  purchase: (purchasePath, quantity) => call('POST', purchasePath, { quantity }),
  purchaseResult: (resultPath) => call('GET', resultPath),
  pay: (orderId) => call('POST', `/api/orders/${encodeURIComponent(orderId)}/payment`),
};
