// What a shopper reads for each error code of the API (ErrorCode in the common module).

const MESSAGES = {
  SOLD_OUT: 'Sold out: every unit has been claimed.',
  LIMIT_REACHED: 'You already bought as many as this sale allows per person.',
  NOT_STARTED: 'This sale has not started yet.',
  ENDED: 'This sale has ended.',
  PAUSED: 'This sale is paused for a moment; try again shortly.',
  TOKEN_INVALID: 'Your purchase link expired or was used; press Buy again.',
  UNAUTHORIZED: 'Please log in first.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found: it may belong to someone else or no longer exist.',
  INVALID_STATE: 'That is no longer possible: the order was settled or cancelled meanwhile.',
  VALIDATION_FAILED: 'The request was not valid.',
  PAYLOAD_TOO_LARGE: 'The request was too large.',
  UNAVAILABLE: 'The shop is busy or briefly unavailable; try again in a moment.',
  PURCHASE_UNCONFIRMED: 'We could not confirm your purchase yet; its status is shown below.',
  UPSTREAM_TIMEOUT: 'The shop took too long to answer; try again in a moment.',
  INTERNAL: 'Something went wrong on our side; try again.',
};

export function explain(error) {
  if (error.code === 'RATE_LIMITED') {
    return `Too many requests: wait ${error.retryAfter || 1} s and try again.`;
  }
  return MESSAGES[error.code] || error.message;
}

export const ORDER_STATUS = {
  QUEUED: 'Accepted: your order is being placed…',
  UNCONFIRMED: 'Checking whether your purchase went through…',
  NOT_TAKEN: 'It did not go through: press Buy again.',
  CREATED: 'Order placed: pay before it times out.',
  PAID: 'Paid. Thank you!',
  CANCELLED: 'Cancelled: it was not paid in time; the unit went back on sale.',
  FAILED: 'Could not be placed; nothing was charged.',
};
