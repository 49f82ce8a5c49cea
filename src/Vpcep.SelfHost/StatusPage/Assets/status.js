// The status page: reads the listing routes every 2 s and renders them. Every value from the API is written with
// textContent (never as HTML), so text such as "<script>" in a batch id or an error shows as text.
'use strict';

(() => {
  const KEY_STORAGE = 'vpcep-status-key';
  const KEY_HEADER = 'x-functions-key';
  const POLL_MS = 2000;
  const RESULTS = ['accepted', 'pending_acceptance', 'rejected', 'failed', 'invalid', 'timed_out', 'running'];
  const STATUSES = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated'];

  // Each listing keeps the tokens of the pages before the one shown, so Previous can go back.
  const view = {
    batches: { tokens: [null], rows: [] },
    batchId: null,
    items: { tokens: [null], result: '', pageSize: 10 },
    requests: { tokens: [null], result: '', status: '' },
    requestId: null,
    generation: 0,
  };

  const byId = (id) => document.getElementById(id);

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }

    if (className) {
      node.className = className;
    }

    return node;
  }

  function time(value) {
    if (!value) {
      return '';
    }

    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  }

  function resultCell(result) {
    const cell = element('td', result || 'running', 'result result-' + (result || 'running'));
    return cell;
  }

  async function api(path) {
    const headers = { Accept: 'application/json' };
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (key) {
      headers[KEY_HEADER] = key;
    }

    const response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit', redirect: 'error' });
    if (response.status === 401) {
      throw new Error('This host asks for an API key: enter an operator\'s key above.');
    }

    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
    }

    return body;
  }

  function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
      if (value !== null && value !== undefined && value !== '') {
        search.set(name, String(value));
      }
    }

    const text = search.toString();
    return text ? '?' + text : '';
  }

  function replaceRows(table, rows) {
    const body = table.tBodies[0];
    body.replaceChildren(...rows);
  }

  function pager(name, listing, next) {
    byId(name + '-page').textContent = 'Page ' + listing.tokens.length;
    byId(name + '-prev').disabled = listing.tokens.length <= 1;
    byId(name + '-next').disabled = !next;
    listing.next = next;
  }

  async function loadBatches() {
    const listing = view.batches;
    const page = await api('api/batches' + query({ page_size: 50, continuation_token: listing.tokens[listing.tokens.length - 1] }));
    listing.rows = page.batches;
    const rows = page.batches.map((batch) => {
      const row = element('tr', null, 'selectable');
      row.dataset.batchId = batch.batch_id;
      row.setAttribute('aria-selected', String(batch.batch_id === view.batchId));
      row.append(
        element('td', batch.batch_id, 'batch-id'),
        element('td', batch.runtime_status, 'runtime-status'),
        element('td', batch.completed + ' / ' + batch.total, 'completed'),
        countsCell(batch.counts),
        element('td', time(batch.created_at)),
        element('td', time(batch.last_updated_at)));
      row.addEventListener('click', () => selectBatch(batch.batch_id));
      return row;
    });
    replaceRows(byId('batches'), rows);
    byId('batches-empty').hidden = rows.length > 0;
    pager('batches', listing, page.continuation_token);
    renderBatchSummary();
  }

  function countsCell(counts) {
    const cell = element('td', null, 'counts');
    for (const [result, count] of Object.entries(counts || {})) {
      const chip = element('span', result + ' ' + count, 'chip result-' + result);
      chip.dataset.result = result;
      cell.append(chip);
    }

    return cell;
  }

  function renderBatchSummary() {
    const section = byId('batch-section');
    section.hidden = view.batchId === null;
    if (view.batchId === null) {
      return;
    }

    byId('batch-id').textContent = view.batchId;
    const batch = view.batches.rows.find((b) => b.batch_id === view.batchId);
    const summary = byId('batch-summary');
    summary.replaceChildren();
    if (batch) {
      summary.append(
        element('span', batch.runtime_status + ': ', 'runtime-status'),
        element('span', batch.completed + ' of ' + batch.total + ' ended', 'completed'),
        element('span', '  '));
      for (const [result, count] of Object.entries(batch.counts || {})) {
        summary.append(element('span', result + ' ' + count, 'chip result-' + result));
      }
    }
  }

  async function loadItems() {
    if (view.batchId === null) {
      return;
    }

    const listing = view.items;
    const batchId = view.batchId;
    const page = await api('api/batches/' + encodeURIComponent(batchId) + '/items' + query({
      result: listing.result,
      page_size: listing.pageSize,
      continuation_token: listing.tokens[listing.tokens.length - 1],
    }));
    if (batchId !== view.batchId) {
      return;
    }

    const rows = page.items.map((item) => {
      const row = element('tr', null, item.instance_id ? 'selectable' : '');
      row.dataset.index = String(item.index);
      const problems = (item.validation_errors || []).map((e) => e.pointer + ': ' + e.message);
      const error = item.error ? item.error.message : problems.join('; ');
      const code = item.error ? (item.error.code || '') : (item.validation_errors || []).map((e) => e.code).join(', ');
      row.append(
        element('td', item.index),
        element('td', item.instance_id || ''),
        resultCell(item.result),
        element('td', item.endpoint_id || ''),
        element('td', code, 'error-code'),
        element('td', error, 'error-message'));
      if (item.instance_id) {
        row.addEventListener('click', () => selectRequest(item.instance_id));
      }

      return row;
    });
    replaceRows(byId('items'), rows);
    byId('items-empty').hidden = rows.length > 0;
    pager('items', listing, page.continuation_token);
  }

  async function loadRequests() {
    const listing = view.requests;
    const page = await api('api/vpc-endpoints' + query({
      result: listing.result,
      runtime_status: listing.status,
      page_size: 50,
      continuation_token: listing.tokens[listing.tokens.length - 1],
    }));
    const rows = page.requests.map((request) => {
      const row = element('tr', null, 'selectable');
      row.dataset.instanceId = request.instance_id;
      row.setAttribute('aria-selected', String(request.instance_id === view.requestId));
      row.append(
        element('td', request.instance_id),
        element('td', request.runtime_status),
        element('td', request.phase || ''),
        resultCell(request.result),
        element('td', request.endpoint_id || ''),
        element('td', request.project_id || ''),
        element('td', time(request.created_at)),
        element('td', time(request.last_updated_at)));
      row.addEventListener('click', () => selectRequest(request.instance_id));
      return row;
    });
    replaceRows(byId('requests'), rows);
    byId('requests-empty').hidden = rows.length > 0;
    pager('requests', listing, page.continuation_token);
  }

  async function loadRequest() {
    if (view.requestId === null) {
      return;
    }

    const instanceId = view.requestId;
    const state = await api('api/vpc-endpoints/' + encodeURIComponent(instanceId));
    if (instanceId !== view.requestId) {
      return;
    }

    byId('request-id').textContent = instanceId;
    const outcome = state.outcome || {};
    const notification = outcome.notification || {};
    const error = outcome.error || {};
    const facts = [
      ['Runtime status', state.runtime_status],
      ['Phase', state.phase],
      ['Endpoint', state.endpoint_id],
      ['Endpoint status', state.endpoint_status],
      ['Result', outcome.result],
      ['Error code', error.code],
      ['Error', error.message],
      ['Validation errors', (outcome.validation_errors || []).map((e) => e.pointer + ' ' + e.code + ': ' + e.message).join('; ')],
      ['Failure', state.failure],
      ['Notification', notification.state],
      ['Next attempt', time(notification.next_attempt_at)],
    ];
    const detail = byId('request-detail');
    detail.replaceChildren();
    for (const [name, value] of facts) {
      if (value !== undefined && value !== null && value !== '') {
        detail.append(element('dt', name), element('dd', value));
      }
    }

    const attempts = (notification.channels || []).flatMap((channel) => channel.attempts || []);
    replaceRows(byId('attempts'), attempts.map((attempt) => {
      const row = element('tr');
      row.append(
        element('td', time(attempt.at)),
        element('td', attempt.channel),
        element('td', attempt.verdict),
        element('td', attempt.status_code ?? ''),
        element('td', attempt.error || ''));
      return row;
    }));
    byId('attempts-empty').hidden = attempts.length > 0;
    byId('request-section').hidden = false;
  }

  function selectBatch(batchId) {
    view.batchId = batchId;
    view.items.tokens = [null];
    for (const row of byId('batches').tBodies[0].rows) {
      row.setAttribute('aria-selected', String(row.dataset.batchId === batchId));
    }

    renderBatchSummary();
    refreshNow();
  }

  function selectRequest(instanceId) {
    view.requestId = instanceId;
    refreshNow();
  }

  function fillSelect(select, values, allLabel) {
    select.replaceChildren(element('option', allLabel));
    select.options[0].value = '';
    for (const value of values) {
      select.append(element('option', value));
    }
  }

  function wirePager(name, listing) {
    byId(name + '-prev').addEventListener('click', () => {
      if (listing.tokens.length > 1) {
        listing.tokens.pop();
        refreshNow();
      }
    });
    byId(name + '-next').addEventListener('click', () => {
      if (listing.next) {
        listing.tokens.push(listing.next);
        refreshNow();
      }
    });
  }

  let timer = null;
  let running = false;
  let again = false;

  async function refresh() {
    if (running) {
      again = true;
      return;
    }

    running = true;
    clearTimeout(timer);
    const message = byId('message');
    try {
      // One listing refused (a caller that is not an operator reads no batches) leaves the others shown.
      const outcomes = [...await Promise.allSettled([loadBatches()]), ...await Promise.allSettled([loadItems(), loadRequests(), loadRequest()])];
      const failures = [...new Set(outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason.message))];
      message.textContent = failures.join(' ');
      message.hidden = failures.length === 0;
      if (failures.length === 0) {
        byId('updated').textContent = 'Updated ' + time(new Date().toISOString());
        document.body.dataset.refreshes = String(++view.generation);
      }
    } finally {
      running = false;
      timer = setTimeout(refresh, again ? 0 : POLL_MS);
      again = false;
    }
  }

  function refreshNow() {
    clearTimeout(timer);
    refresh();
  }

  function start() {
    fillSelect(byId('items-result'), RESULTS, 'all outcomes');
    fillSelect(byId('requests-result'), RESULTS, 'all outcomes');
    fillSelect(byId('requests-status'), STATUSES, 'all');
    byId('items-result').addEventListener('change', (e) => { view.items.result = e.target.value; view.items.tokens = [null]; refreshNow(); });
    byId('items-page-size').addEventListener('change', (e) => { view.items.pageSize = Number(e.target.value); view.items.tokens = [null]; refreshNow(); });
    byId('requests-result').addEventListener('change', (e) => { view.requests.result = e.target.value; view.requests.tokens = [null]; refreshNow(); });
    byId('requests-status').addEventListener('change', (e) => { view.requests.status = e.target.value; view.requests.tokens = [null]; refreshNow(); });
    wirePager('batches', view.batches);
    wirePager('items', view.items);
    wirePager('requests', view.requests);
    byId('key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const key = byId('key').value.trim();
      if (key) {
        sessionStorage.setItem(KEY_STORAGE, key);
      } else {
        sessionStorage.removeItem(KEY_STORAGE);
      }

      byId('key').value = '';
      refreshNow();
    });
    byId('key-forget').addEventListener('click', () => { sessionStorage.removeItem(KEY_STORAGE); refreshNow(); });
    refresh();
  }

  start();
})();
