// The storefront: sales with countdowns and remaining stock, login, buy (token, then purchase),
// the order appearing as it settles, and pay. Plain ES modules; no build step.
import { api, session, ApiError } from './api.js';
import { explain, ORDER_STATUS } from './messages.js';

const $ = (selector, root = document) => root.querySelector(selector);
const SETTLED = new Set(['PAID', 'CANCELLED', 'FAILED', 'NOT_TAKEN']);
const ORDERS_KEY = 'seckill.orders';

let sales = [];
let clockSkewMs = 0; // server time minus local time, from the Date header, so countdowns agree with the sale

function showSignedIn() {
  const user = session.user();
  $('#login').hidden = !!user;
  $('#signed-in').hidden = !user;
  $('#who').textContent = user || '';
  renderSales();
}

async function logIn(event) {
  event.preventDefault();
  const message = $('#login-message');
  message.textContent = '';
  $('#login-button').disabled = true;
  try {
    const issued = await api.login($('#username').value.trim(), $('#password').value);
    session.save(issued.accessToken, issued.userId);
    $('#password').value = '';
    showSignedIn();
    renderOrders();
  } catch (error) {
    // At the login itself, 401 can only mean the credentials.
    message.textContent = error.code === 'UNAUTHORIZED' ? 'Unknown user or wrong password.' : explain(error);
  } finally {
    $('#login-button').disabled = false;
  }
}

function logOut() {
  session.clear();
  sessionStorage.removeItem(ORDERS_KEY);
  showSignedIn();
  renderOrders();
}

async function loadSales() {
  try {
    const started = Date.now();
    const response = await fetch('/api/activities', { headers: { Accept: 'application/json' } });
    const serverDate = Date.parse(response.headers.get('Date'));
    if (!Number.isNaN(serverDate)) clockSkewMs = serverDate - (started + Date.now()) / 2;
    if (!response.ok) throw new ApiError(response.status, await response.json());
    sales = await response.json();
    $('#sales-message').textContent = sales.length ? '' : 'No sale is live or coming up right now.';
  } catch (error) {
    $('#sales-message').textContent = explain(error);
  }
  renderSales();
}

function countdown(sale) {
  const now = Date.now() + clockSkewMs;
  const [label, target] = sale.phase === 'UPCOMING' ? ['Starts in', Date.parse(sale.startAt)]
    : ['Ends in', Date.parse(sale.endAt)];
  const seconds = Math.max(0, Math.round((target - now) / 1000));
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return `${label} ${h > 0 ? `${h}:` : ''}${pad(m)}:${pad(s)}`;
}

function phaseNow(sale) {
  const now = Date.now() + clockSkewMs;
  if (sale.phase === 'UPCOMING' && now >= Date.parse(sale.startAt)) return 'LIVE';
  if (sale.phase === 'LIVE' && now >= Date.parse(sale.endAt)) return 'ENDED';
  return sale.phase;
}

function renderSales() {
  const list = $('#sales');
  const known = new Map([...list.children].map((card) => [card.dataset.saleId, card]));
  for (const sale of sales) {
    let card = known.get(sale.id);
    if (!card) {
      card = $('#sale-card').content.firstElementChild.cloneNode(true);
      card.dataset.saleId = sale.id;
      $('.buy', card).addEventListener('click', () => buy(sale.id, card));
      list.append(card);
    }
    known.delete(sale.id);
    const phase = phaseNow(sale);
    $('.title', card).textContent = sale.title;
    $('.phase', card).textContent = phase.replace('_', ' ');
    $('.phase', card).className = `phase badge ${phase}`;
    $('.price', card).textContent = `¥${Number(sale.price).toFixed(2)}`;
    $('.stock', card).textContent = sale.remaining == null ? `${sale.stock} units`
      : `${Math.max(0, sale.remaining)} of ${sale.stock} left`;
    $('.countdown', card).textContent = phase === 'UPCOMING' || phase === 'LIVE' ? countdown(sale) : '';
    $('.buy', card).disabled = !session.user() || phase !== 'LIVE' || card.dataset.busy === 'true';
    $('.buy', card).title = session.user() ? '' : 'Log in to buy';
  }
  known.forEach((card) => card.remove());
}

async function buy(activityId, card) {
  const message = $('.message', card);
  message.className = 'message';
  message.textContent = '';
  card.dataset.busy = 'true';
  renderSales();
  try {
    const { purchasePath } = await api.purchaseToken(activityId);
    const accepted = await api.purchase(purchasePath, 1);
    const title = sales.find((sale) => sale.id === activityId)?.title || 'Order';
    remember({ orderId: accepted.orderId, activityId, title, resultPath: accepted.resultPath, status: accepted.status });
    message.className = 'message ok';
    message.textContent = 'Got it! Your order is being placed below.';
    follow(accepted.orderId);
  } catch (error) {
    message.textContent = explain(error);
    if (error.code === 'UNAUTHORIZED') logOut();
    if (error.code === 'PURCHASE_UNCONFIRMED' && error.problem.resultPath) {
      // Taken or not, the platform knows under this order id: its result tells the shopper which.
      const title = sales.find((sale) => sale.id === activityId)?.title || 'Order';
      remember({ orderId: error.problem.orderId, activityId, title, resultPath: error.problem.resultPath, status: 'UNCONFIRMED' });
      follow(error.problem.orderId);
    }
  } finally {
    card.dataset.busy = 'false';
    loadSales();
  }
}

function orders() {
  return JSON.parse(sessionStorage.getItem(ORDERS_KEY) || '[]');
}

function remember(order) {
  const all = orders().filter((o) => o.orderId !== order.orderId);
  all.unshift(order);
  sessionStorage.setItem(ORDERS_KEY, JSON.stringify(all));
  renderOrders();
}

function update(orderId, changes) {
  const order = orders().find((o) => o.orderId === orderId);
  if (order) remember({ ...order, ...changes });
}

// Settlement is asynchronous (Kafka, then a Seata transaction): poll until the order leaves QUEUED,
// and keep polling a CREATED order so a timeout cancellation shows up too.
async function follow(orderId) {
  for (let attempt = 0; attempt < 900; attempt++) {
    const order = orders().find((o) => o.orderId === orderId);
    if (!order || SETTLED.has(order.status) || !session.user()) return;
    try {
      const result = await api.purchaseResult(order.resultPath);
      if (result.status !== order.status) update(orderId, { status: result.status });
    } catch (error) {
      if (error.code === 'UNAUTHORIZED') return;
      if (error.code === 'NOT_FOUND' && order.status === 'UNCONFIRMED') {
        update(orderId, { status: 'NOT_TAKEN' });
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, attempt < 30 ? 500 : 2000));
  }
}

async function pay(orderId, card) {
  const message = $('.message', card);
  $('.pay', card).disabled = true;
  try {
    const paid = await api.pay(orderId);
    update(orderId, { status: paid.status });
  } catch (error) {
    message.textContent = explain(error);
    $('.pay', card).disabled = false;
  }
}

function renderOrders() {
  const list = $('#orders');
  const all = session.user() ? orders() : [];
  $('#my-orders').hidden = all.length === 0;
  list.replaceChildren(...all.map((order) => {
    const card = $('#order-card').content.firstElementChild.cloneNode(true);
    card.dataset.orderId = order.orderId;
    $('.what', card).textContent = order.title;
    $('.status', card).textContent = order.status;
    $('.status', card).className = `status badge ${order.status}`;
    $('.order-id', card).textContent = `#${order.orderId}`;
    $('.message', card).className = `message ${order.status === 'FAILED' || order.status === 'CANCELLED' ? '' : 'ok'}`;
    $('.message', card).textContent = ORDER_STATUS[order.status] || order.status;
    $('.pay', card).hidden = order.status !== 'CREATED';
    $('.pay', card).addEventListener('click', () => pay(order.orderId, card));
    return card;
  }));
}

$('#login').addEventListener('submit', logIn);
$('#logout').addEventListener('click', logOut);
showSignedIn();
renderOrders();
orders().forEach((order) => follow(order.orderId));
loadSales();
setInterval(loadSales, 3000);
setInterval(renderSales, 1000);
