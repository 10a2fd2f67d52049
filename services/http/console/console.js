/*
 * WPS Roster web console: a small single-page app with hash routing.
 *
 * Plain JavaScript, no framework, no build step, no network resources other than the server's own
 * JSON API under /v1/. Every piece of server data reaches the DOM through textContent or attribute
 * setters (see h()); innerHTML is never used.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Constants and vocabularies (API.md "Vocabularies").

  var TOKEN_KEY = 'wps-roster-token';
  var APP = 'WPS Roster';
  var SEARCH_PAGE_SIZE = 20;
  var AUDIT_PAGE_SIZE = 50;
  var LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'NATIVE'];
  var AVAILABILITY = ['AVAILABLE', 'LIMITED', 'UNAVAILABLE'];
  var EXPERTISE = ['ceasefire-security-arrangements', 'power-sharing', 'constitution-making', 'elections',
    'natural-resources', 'land', 'transitional-justice', 'crsv', 'ddr', 'ssr', 'humanitarian-access',
    'gender-inclusion', 'process-design', 'dialogue-facilitation', 'negotiation-support',
    'civil-society-engagement', 'local-peacebuilding', 'climate-security', 'economic-recovery', 'human-rights',
    'displacement', 'religion-and-peace', 'youth-peace-security', 'strategic-communication'];
  var ROLES = ['mediator', 'facilitator', 'adviser', 'gender-adviser', 'process-designer', 'trainer',
    'technical-expert'];
  var FACETS = [
    { key: 'languages', title: 'Language' },
    { key: 'countries_or_regions', title: 'Region' },
    { key: 'expertise', title: 'Expertise' },
    { key: 'roles', title: 'Role' },
    { key: 'networks', title: 'Network' },
    { key: 'availability', title: 'Availability' }
  ];
  var FACET_PREVIEW = 8;
  var FLAG_LABELS = {
    BELOW_TARGET: 'Below target',
    WOMEN_ONLY_IN_NON_DECISION_ROLES: 'Women only in non-decision roles',
    FELL_SINCE_PREVIOUS_ROUND: 'Fell since previous round',
    NO_MEMBERS: 'No members',
    ALL_UNDISCLOSED: 'All genders undisclosed'
  };
  var DECISION_ROLES = ['HEAD', 'NEGOTIATOR', 'MEDIATOR', 'SIGNATORY'];
  var PROCESS_PAGE_SIZE = 20;
  // wps.matching.v1.PeaceProcess.Stage and .Track, in proto order, with their labels.
  var STAGES = [
    ['STAGE_UNSPECIFIED', 'Not stated'],
    ['EXPLORATORY', 'Exploratory'],
    ['PRE_NEGOTIATION', 'Pre-negotiation'],
    ['NEGOTIATION', 'Negotiation'],
    ['AGREEMENT', 'Agreement'],
    ['IMPLEMENTATION', 'Implementation']
  ];
  var TRACKS = [
    ['TRACK_UNSPECIFIED', 'Not stated'],
    ['TRACK_1', 'Track 1'],
    ['TRACK_1_5', 'Track 1.5'],
    ['TRACK_2', 'Track 2'],
    ['TRACK_3', 'Track 3']
  ];
  // UN M49 area names: Intl.DisplayNames does not name these codes in every browser.
  var M49_NAMES = {
    '001': 'World',
    '002': 'Africa',
    '015': 'Northern Africa',
    '202': 'Sub-Saharan Africa',
    '014': 'Eastern Africa',
    '017': 'Middle Africa',
    '018': 'Southern Africa',
    '011': 'Western Africa',
    '019': 'Americas',
    '419': 'Latin America and the Caribbean',
    '029': 'Caribbean',
    '013': 'Central America',
    '005': 'South America',
    '021': 'Northern America',
    '142': 'Asia',
    '143': 'Central Asia',
    '030': 'Eastern Asia',
    '035': 'South-eastern Asia',
    '034': 'Southern Asia',
    '145': 'Western Asia',
    '150': 'Europe',
    '151': 'Eastern Europe',
    '154': 'Northern Europe',
    '039': 'Southern Europe',
    '155': 'Western Europe',
    '009': 'Oceania',
    '053': 'Australia and New Zealand',
    '054': 'Melanesia',
    '057': 'Micronesia',
    '061': 'Polynesia'
  };
  // ---------------------------------------------------------------------------------------------
  // DOM helpers.

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function appendChildren(el, children) {
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) { appendChildren(el, c); return; }
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    });
  }

  function setAttrs(el, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'testid') el.setAttribute('data-testid', v);
      else if (k === 'value' && 'value' in el && el.namespaceURI !== SVG_NS) el.value = v;
      else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden' || k === 'open') {
        el[k] = !!v;
      } else el.setAttribute(k, v === true ? '' : String(v));
    });
  }

  // h('p', {class: 'x', testid: 'y'}, 'text', child, [more]) builds an element. Strings become text nodes.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    appendChildren(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }

  function svg(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    appendChildren(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function $(id) { return document.getElementById(id); }

  var uid = 0;
  function nextId(prefix) { uid += 1; return (prefix || 'id') + '-' + uid; }

  // A table inside its own horizontally scrolling, keyboard-focusable container.
  function tableWrap(table, label) {
    return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': label }, table);
  }

  function headRow(cols) {
    return h('thead', null, h('tr', null, cols.map(function (c) { return h('th', { scope: 'col' }, c); })));
  }

  // A table with its caption, column heads and body rows (and a footer row, if given), in its scrolling
  // container labelled by the caption.
  function dataTable(attrs, caption, cols, rows, footRow) {
    var table = h('table', attrs, h('caption', null, caption), headRow(cols), h('tbody', null, rows),
      footRow ? h('tfoot', null, footRow) : null);
    return tableWrap(table, caption);
  }

  function byTestid(container, testid) {
    var all = container.querySelectorAll('[data-testid]');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-testid') === testid) return all[i];
    return null;
  }

  // Rebuilds a container's content and puts focus back on the control (same data-testid) that had it,
  // so that keyboard and screen reader users keep their place when a list re-renders.
  function rebuildKeepingFocus(container, build) {
    var active = document.activeElement;
    var testid = active && container.contains(active) ? active.getAttribute('data-testid') : null;
    build();
    if (!testid) return;
    var again = byTestid(container, testid);
    if (again && !again.disabled) again.focus();
    else if (!again || again.disabled) {
      var fallback = container.querySelector('button:not([disabled]), input:not([disabled])');
      if (fallback) fallback.focus();
    }
  }

  function visuallyHidden(text) { return h('span', { class: 'visually-hidden' }, text); }

  // ---------------------------------------------------------------------------------------------
  // Formatting.

  var languageNames = displayNames('language');
  var regionNames = displayNames('region');

  function displayNames(type) {
    try { return new Intl.DisplayNames(['en'], { type: type, fallback: 'none' }); } catch (e) { return null; }
  }

  function nameOf(names, code) {
    if (!names || !code) return '';
    try { return names.of(code) || ''; } catch (e) { return ''; }
  }

  function languageLabel(code) {
    var n = nameOf(languageNames, code);
    return n && n.toLowerCase() !== String(code).toLowerCase() ? n + ' (' + code + ')' : String(code);
  }

  // A country or UN M49 area code with its English name: "Sudan (SD)", "Northern Africa (015)".
  function regionLabel(code) {
    var c = String(code);
    if (Object.prototype.hasOwnProperty.call(M49_NAMES, c)) return M49_NAMES[c] + ' (' + c + ')';
    var n = nameOf(regionNames, String(code).toUpperCase());
    return n && n.toUpperCase() !== String(code).toUpperCase() ? n + ' (' + code + ')' : String(code);
  }

  function shortLevel(level) {
    if (!level || level === 'LANGUAGE_LEVEL_UNSPECIFIED') return '';
    var s = String(level).replace(/^LANGUAGE_LEVEL_/, '');
    return s === 'NATIVE' ? 'native' : s;
  }

  function levelLabel(level) {
    var s = shortLevel(level);
    return s === 'native' ? 'Native' : s;
  }

  function fullLevel(short) {
    return 'LANGUAGE_LEVEL_' + String(short).toUpperCase();
  }

  function skillText(s) {
    var lvl = levelLabel(s.level || s.minLevel);
    return languageLabel(s.code || '') + (lvl ? ' ' + lvl : '');
  }

  function availabilityLabel(a) {
    if (!a || a === 'AVAILABILITY_UNSPECIFIED') return 'Not stated';
    return a.charAt(0) + a.slice(1).toLowerCase();
  }

  function enumLabel(v) {
    if (!v) return '';
    var s = String(v).replace(/_/g, ' ').toLowerCase();
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function percent(x) {
    if (x === undefined || x === null || isNaN(Number(x))) return 'n/a';
    return (Math.round(Number(x) * 1000) / 10).toFixed(1) + ' %';
  }

  function scoreText(x) {
    var n = Number(x || 0);
    return String(Math.round(n * 1e6) / 1e6);
  }

  function yesNo(b) { return b ? 'Yes' : 'No'; }

  function dateTime(ts) {
    if (!ts) return '';
    var d = new Date(ts);
    if (isNaN(d.getTime())) return String(ts);
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  }

  function duration(seconds) {
    var s = Number(seconds || 0);
    if (s < 1) return Math.round(s * 1000) + ' ms';
    if (s < 120) return (Math.round(s * 10) / 10) + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    if (s < 172800) return Math.round(s / 3600) + ' h';
    return Math.round(s / 86400) + ' days';
  }

  function list(arr) { return (arr || []).join(', '); }

  function lastSegment(name) {
    var parts = String(name || '').split('/');
    return parts[parts.length - 1];
  }

  function mediatorDisplayName(m) {
    return m.displayName || [m.givenName, m.familyName].filter(Boolean).join(' ') || lastSegment(m.name) ||
      '(no name)';
  }

  // networks/{n}/mediators/{id} -> {network, id}
  function mediatorRef(m) {
    var match = /^networks\/([^/]+)\/mediators\/([^/]+)$/.exec(m.name || '');
    if (match) return { network: match[1], id: match[2] };
    return { network: m.network || '', id: lastSegment(m.name) };
  }

  function mediatorHref(m) {
    var r = mediatorRef(m);
    return '#/mediators/' + encodeURIComponent(r.network) + '/' + encodeURIComponent(r.id);
  }

  function mediatorPath(network, id) {
    return '/v1/networks/' + encodeURIComponent(network) + '/mediators/' + encodeURIComponent(id);
  }

  function stageLabel(v) { return enumOptionLabel(STAGES, v || 'STAGE_UNSPECIFIED'); }
  function trackLabel(v) { return enumOptionLabel(TRACKS, v || 'TRACK_UNSPECIFIED'); }

  function enumOptionLabel(options, v) {
    for (var i = 0; i < options.length; i++) if (options[i][0] === v) return options[i][1];
    return enumLabel(v);
  }

  // "processes/x" or "x" (from an address) -> "processes/x".
  function processNameParam(v) {
    if (!v) return '';
    v = String(v);
    return /^processes\//.test(v) ? v : 'processes/' + v;
  }

  function processHref(p) { return '#/processes/' + encodeURIComponent(lastSegment(p.name)); }

  function processPath(id) { return '/v1/processes/' + encodeURIComponent(id); }

  function processLabel(p) {
    return p.displayName ? p.displayName + ' (' + lastSegment(p.name) + ')' : lastSegment(p.name);
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v === undefined || v === null || v === '' || v === false) return;
      // Commas (update masks), slashes (resource names) and colons need no escaping in a query.
      parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v)).replace(/%2C/gi, ',')
        .replace(/%2F/gi, '/').replace(/%3A/gi, ':'));
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  // ---------------------------------------------------------------------------------------------
  // Session and API.

  function getToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  function setToken(t) {
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage unavailable: the token lives for this page only */ }
    memoryToken = t || '';
    renderSession();
  }

  var memoryToken = '';
  function token() { return getToken() || memoryToken; }

  function ApiError(status, code, message, details) {
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.message = message;
    this.details = details || [];
  }
  ApiError.prototype = Object.create(Error.prototype);

  function statusToCode(status) {
    var map = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 412: 9, 413: 8, 429: 8, 499: 1, 501: 12, 503: 14,
      504: 4 };
    return map[status] || (status >= 500 ? 13 : 2);
  }

  // api('GET', '/v1/networks') -> parsed JSON. Throws ApiError for HTTP errors and network failures.
  // opts.raw: resolve with the Response instead; opts.contentType: for a string body.
  function api(method, path, body, opts) {
    opts = opts || {};
    var headers = { Accept: opts.accept || 'application/json' };
    var t = token();
    if (t) headers.Authorization = 'Bearer ' + t;
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined && body !== null) {
      if (typeof body === 'string') {
        headers['Content-Type'] = opts.contentType || 'text/plain; charset=utf-8';
        init.body = body;
      } else {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    return fetch(path, init).then(function (res) {
      if (!res.ok) return errorFrom(res);
      if (opts.raw) return res;
      return res.text().then(function (text) {
        if (!text) return {};
        try { return JSON.parse(text); } catch (e) {
          throw new ApiError(res.status, 13, 'The server sent a reply the console cannot read.');
        }
      });
    }, function (e) {
      throw new ApiError(0, 14, 'Cannot reach the server (' + (e && e.message ? e.message : 'network error') +
        '). Check the connection and try again.');
    });
  }

  function errorFrom(res) {
    return res.text().then(function (text) {
      var body = null;
      try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
      var code = body && typeof body.code === 'number' ? body.code : statusToCode(res.status);
      var message = (body && body.message) || (text && !body ? text.slice(0, 300) : '') ||
        ('The server answered HTTP ' + res.status + '.');
      throw new ApiError(res.status, code, message, body && body.details);
    }, function () {
      throw new ApiError(res.status, statusToCode(res.status), 'The server answered HTTP ' + res.status + '.');
    });
  }

  function isUnauthenticated(err) { return err && (err.status === 401 || err.code === 16); }
  function isForbidden(err) { return err && (err.status === 403 || err.code === 7); }

  // The text to show for an error: 401 asks to sign in, 403 names the role, others the server's message.
  function errorText(err, forbiddenText) {
    if (!err) return 'Something went wrong.';
    if (isUnauthenticated(err)) return 'Please sign in: the server did not accept this request without a valid token.';
    if (isForbidden(err)) return forbiddenText || 'Your role may not do this.';
    var text = err.message || String(err);
    if (err.code === 10) text += ' The record changed since you opened it: reload it and try again.';
    if (err.code === 5 && !/not found/i.test(text)) text = 'Not found: ' + text;
    return text;
  }

  function violationsOf(err) {
    var out = [];
    (err && err.details || []).forEach(function (d) {
      if (!d) return;
      var type = d['@type'] || '';
      if (/BadRequest$/.test(type) || d.fieldViolations) {
        (d.fieldViolations || []).forEach(function (v) { out.push({ field: v.field || '', description: v.description || '' }); });
      }
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Status region.

  var pendingFlash = null;

  function setStatus(text, kind, withSignInLink) {
    var el = $('status');
    if (!el) return;
    clear(el);
    el.className = 'status' + (kind ? ' status-' + kind : '');
    if (!text) return;
    if (kind === 'error') el.appendChild(h('strong', null, 'Error: '));
    el.appendChild(document.createTextNode(text));
    if (withSignInLink) {
      el.appendChild(document.createTextNode(' '));
      el.appendChild(h('a', { href: '#/signin' }, 'Sign in'));
    }
  }

  function reportError(err, forbiddenText) {
    var text = errorText(err, forbiddenText);
    setStatus(text, 'error', isUnauthenticated(err));
    return text;
  }

  function flash(text, kind) { pendingFlash = { text: text, kind: kind || 'ok' }; }

  // ---------------------------------------------------------------------------------------------
  // Forms: labelled fields with hints and error text, placed field violations.

  // A form model: fields keyed by proto field name, each with aliases matched against violation paths.
  function FormModel(form) {
    this.form = form;
    this.fields = {};
    this.order = [];
    this.errorBox = h('div', { class: 'form-errors', tabindex: '-1', testid: 'form-errors', hidden: true });
  }

  // opts: {label, input, hint, aliases, key}. Returns the wrapper element.
  FormModel.prototype.field = function (key, label, input, opts) {
    opts = opts || {};
    var id = 'f-' + key.replace(/[^a-z0-9_]/gi, '-');
    input.id = id;
    if (!input.getAttribute('data-testid')) input.setAttribute('data-testid', 'field-' + key);
    var hintId = opts.hint ? id + '-hint' : null;
    var errorId = 'error-' + key;
    var errorEl = h('p', { id: errorId, class: 'field-error', testid: 'error-' + key });
    var errorTarget = errorEl;
    if (opts.errorAlias) {
      errorTarget = h('span', { testid: 'error-' + opts.errorAlias });
      errorEl.appendChild(errorTarget);
    }
    if (hintId) input.setAttribute('aria-describedby', hintId);
    var labelEl = h('label', { for: id, testid: opts.labelTestid || null }, label);
    var isCheck = input.type === 'checkbox';
    var wrap = h('div', { class: 'field' + (isCheck ? ' field-check' : '') + (opts.wide ? ' field-wide' : '') },
      isCheck ? [input, labelEl] : [labelEl, input],
      hintId ? h('p', { id: hintId, class: 'hint' }, opts.hint) : null,
      errorEl);
    this.fields[key] = { key: key, input: input, hintId: hintId, errorId: errorId, errorEl: errorEl,
      errorTarget: errorTarget, aliases: [key].concat(opts.aliases || []) };
    this.order.push(key);
    return wrap;
  };

  FormModel.prototype.clearErrors = function () {
    var self = this;
    this.order.forEach(function (k) {
      var f = self.fields[k];
      f.input.removeAttribute('aria-invalid');
      if (f.hintId) f.input.setAttribute('aria-describedby', f.hintId); else f.input.removeAttribute('aria-describedby');
      clear(f.errorTarget);
      f.errorEl.classList.remove('has-error');
    });
    clear(this.errorBox);
    this.errorBox.hidden = true;
  };

  FormModel.prototype.setFieldError = function (key, message) {
    var f = this.fields[key];
    if (!f) return false;
    var prev = f.errorTarget.textContent;
    f.errorTarget.textContent = prev ? prev + ' ' + message : message;
    f.errorEl.classList.add('has-error');
    f.input.setAttribute('aria-invalid', 'true');
    f.input.setAttribute('aria-describedby', [f.hintId, f.errorId].filter(Boolean).join(' '));
    return true;
  };

  function snake(s) {
    return String(s).replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  }

  // Finds the field a violation path names: "mediator.languages[0].code" -> languages,
  // "mediator.contact.email" -> email. Longest matching suffix first, then any segment from the right.
  FormModel.prototype.place = function (path) {
    var segs = snake(path).replace(/\[[^\]]*\]/g, '').split('.').filter(Boolean);
    var byAlias = {};
    var self = this;
    this.order.forEach(function (k) {
      self.fields[k].aliases.forEach(function (a) { if (!(a in byAlias)) byAlias[a] = k; });
    });
    for (var i = 0; i < segs.length; i++) {
      var suffix = segs.slice(i).join('.');
      if (suffix in byAlias) return byAlias[suffix];
    }
    for (var j = segs.length - 1; j >= 0; j--) {
      if (segs[j] in byAlias) return byAlias[segs[j]];
    }
    return null;
  };

  // Shows violations beside their fields and the rest at the top; focuses the first invalid field.
  // violations: [{field, description}]. general: a message for the top of the form (optional).
  FormModel.prototype.showErrors = function (violations, general) {
    this.clearErrors();
    var self = this;
    var unplaced = [];
    var placed = {};
    violations.forEach(function (v) {
      var key = v.field ? self.place(v.field) : null;
      if (key && self.setFieldError(key, v.description || 'This value is not valid.')) placed[key] = true;
      else unplaced.push(v);
    });
    var first = null;
    this.order.forEach(function (k) { if (!first && placed[k]) first = self.fields[k].input; });
    if (general || unplaced.length) {
      this.errorBox.hidden = false;
      this.errorBox.appendChild(h('p', null, h('strong', null, 'Error: '), general || 'Some values were not accepted.'));
      if (unplaced.length) {
        this.errorBox.appendChild(h('ul', null, unplaced.map(function (v) {
          return h('li', null, v.field ? h('code', null, v.field) : null, v.field ? ': ' : null, v.description);
        })));
      }
    }
    if (first) first.focus();
    else if (!this.errorBox.hidden) this.errorBox.focus();
  };

  // Shows an API error on this form (violations placed) and in the status region.
  FormModel.prototype.showApiError = function (err, forbiddenText) {
    var text = reportError(err, forbiddenText);
    var v = violationsOf(err);
    this.showErrors(v, text);
  };

  // Shows what the console's own checks found before sending anything.
  FormModel.prototype.showInvalid = function (violations) {
    this.showErrors(violations, null);
    setStatus('Please correct the marked fields.', 'error');
  };

  // Waits for a form's request with its submit button disabled and `pending` in the status region, then
  // calls onDone(reply) or onError(err), unless the user has left the view meanwhile.
  function sendForm(ctx, button, pending, request, onDone, onError) {
    button.disabled = true;
    setStatus(pending);
    request.then(function (reply) {
      button.disabled = false;
      if (ctx.alive()) onDone(reply);
    }, function (err) {
      button.disabled = false;
      if (ctx.alive()) onError(err);
    });
  }

  function textInput(attrs) { return h('input', Object.assign({ type: 'text', autocomplete: 'off' }, attrs || {})); }

  function selectInput(options, value, attrs) {
    var s = h('select', attrs || {}, options.map(function (o) {
      return h('option', { value: o[0] }, o[1]);
    }));
    s.value = value || options[0][0];
    return s;
  }

  function checkbox(checked, attrs) {
    return h('input', Object.assign({ type: 'checkbox', checked: !!checked }, attrs || {}));
  }

  function splitList(text) {
    return String(text || '').split(/[;,\n]+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function upperList(text) { return splitList(text).map(function (s) { return s.toUpperCase(); }); }

  function joinList(arr) { return (arr || []).join('; '); }

  // "ar:C2; en:native" -> {skills:[{code, level}], error}. levelKey names the level field (level or minLevel).
  function parseLanguages(text, levelKey) {
    var out = [];
    var bad = [];
    splitList(text).forEach(function (item) {
      var parts = item.split(/\s*[:\s]\s*/).filter(Boolean);
      var code = (parts[0] || '').toLowerCase();
      var lvl = (parts[1] || '').toUpperCase().replace(/^LANGUAGE_LEVEL_/, '');
      if (!code || parts.length > 2 || (lvl && LEVELS.indexOf(lvl) < 0)) { bad.push(item); return; }
      var s = { code: code };
      if (lvl) s[levelKey] = fullLevel(lvl);
      out.push(s);
    });
    return {
      skills: out,
      error: bad.length ? 'Cannot read "' + bad.join('", "') + '": write code:level, e.g. ar:C2; en:native ' +
        '(levels A1, A2, B1, B2, C1, C2, native).' : ''
    };
  }

  function formatLanguages(skills, levelKey) {
    return (skills || []).map(function (s) {
      var lvl = shortLevel(s[levelKey]);
      return s.code + (lvl ? ':' + lvl : '');
    }).join('; ');
  }

  // "2027-03-01/2027-04-15; ..." -> {periods, error}
  function parsePeriods(text) {
    var out = [];
    var bad = [];
    splitList(text).forEach(function (item) {
      var m = /^(\d{4}-\d{2}-\d{2})\s*\/\s*(\d{4}-\d{2}-\d{2})$/.exec(item);
      if (m) out.push({ start: m[1], end: m[2] }); else bad.push(item);
    });
    return { periods: out, error: bad.length ? 'Cannot read "' + bad.join('", "') + '": write start/end, e.g. 2027-03-01/2027-04-15.' : '' };
  }

  function formatPeriods(periods) {
    return (periods || []).map(function (p) { return (p.start || '') + '/' + (p.end || ''); }).join('; ');
  }

  function vocabularyHint(title, terms) {
    return h('details', { class: 'vocabulary' }, h('summary', null, title),
      h('p', { class: 'terms' }, terms.join(', ')));
  }

  function loadNetworks() {
    return api('GET', '/v1/networks').then(function (r) { return r.networks || []; }, function () { return []; });
  }

  function networkDatalist(id) {
    var dl = h('datalist', { id: id });
    loadNetworks().then(function (nets) {
      nets.forEach(function (n) {
        dl.appendChild(h('option', { value: lastSegment(n.name) }, n.displayName || lastSegment(n.name)));
      });
    });
    return dl;
  }

  // ---------------------------------------------------------------------------------------------
  // Router.

  var main;
  var navGen = 0;
  var firstRender = true;
  var lastRouteHash = '#/search';

  var ROUTES = [
    { re: /^\/?$/, view: viewSearch, nav: 'search' },
    { re: /^\/search$/, view: viewSearch, nav: 'search' },
    { re: /^\/mediators$/, view: viewBrowse, nav: 'search' },
    { re: /^\/mediators\/([^/]+)\/([^/]+)$/, view: viewProfile, nav: 'search' },
    { re: /^\/mediators\/([^/]+)\/([^/]+)\/edit$/, view: viewEdit, nav: 'search' },
    { re: /^\/new$/, view: viewNew, nav: 'new' },
    { re: /^\/import$/, view: viewImport, nav: 'import' },
    { re: /^\/processes$/, view: viewProcesses, nav: 'processes' },
    { re: /^\/processes\/new$/, view: viewNewProcess, nav: 'processes' },
    { re: /^\/processes\/([^/]+)$/, view: viewProcess, nav: 'processes' },
    { re: /^\/processes\/([^/]+)\/edit$/, view: viewEditProcess, nav: 'processes' },
    { re: /^\/shortlist$/, view: viewShortlist, nav: 'shortlist' },
    { re: /^\/shortlists\/([^/]+)$/, view: viewStoredShortlist, nav: 'shortlist' },
    { re: /^\/balance$/, view: viewBalance, nav: 'balance' },
    { re: /^\/federation$/, view: viewFederation, nav: 'federation' },
    { re: /^\/audit$/, view: viewAudit, nav: 'audit' },
    { re: /^\/signin$/, view: viewSignin, nav: 'signin' }
  ];

  function parseHash() {
    var raw = location.hash.replace(/^#/, '');
    var qi = raw.indexOf('?');
    var path = qi >= 0 ? raw.slice(0, qi) : raw;
    var params = {};
    if (qi >= 0) {
      raw.slice(qi + 1).split('&').forEach(function (kv) {
        if (!kv) return;
        var i = kv.indexOf('=');
        try {
          params[decodeURIComponent(i >= 0 ? kv.slice(0, i) : kv)] = i >= 0 ? decodeURIComponent(kv.slice(i + 1)) : '';
        } catch (e) { /* ignore a malformed parameter */ }
      });
    }
    return { path: path, params: params };
  }

  // Replaces the current hash without a re-render (keeps a view's state in the address).
  function replaceHash(hash) {
    lastRouteHash = hash;
    try { history.replaceState(null, '', hash); } catch (e) { /* ignore */ }
  }

  function go(hash) {
    if (location.hash === hash) render(); else location.hash = hash;
  }

  // The context a view renders in: alive() turns false once the user has navigated elsewhere.
  function makeContext() {
    var gen = ++navGen;
    return { alive: function () { return gen === navGen; } };
  }

  function setTitle(text) { document.title = text ? text + ' — ' + APP : APP; }

  function render() {
    if (location.hash === '#main') {
      // The skip link without JavaScript's help: keep the route, move focus.
      replaceHash(lastRouteHash);
      main.focus();
      return;
    }
    var loc = parseHash();
    var route = null;
    var args = [];
    for (var i = 0; i < ROUTES.length; i++) {
      var m = ROUTES[i].re.exec(loc.path);
      if (m) {
        route = ROUTES[i];
        args = m.slice(1).map(function (s) { try { return decodeURIComponent(s); } catch (e) { return s; } });
        break;
      }
    }
    lastRouteHash = location.hash || '#/search';
    var ctx = makeContext();
    ctx.params = loc.params;
    clear(main);
    setStatus('');
    highlightNav(route ? route.nav : '');
    if (!route) {
      viewNotFound(ctx);
    } else {
      route.view.apply(null, [ctx].concat(args));
    }
    if (pendingFlash) {
      setStatus(pendingFlash.text, pendingFlash.kind);
      pendingFlash = null;
    }
    if (!firstRender) main.focus();
    firstRender = false;
  }

  function highlightNav(nav) {
    var links = document.querySelectorAll('.site-nav a[data-route]');
    Array.prototype.forEach.call(links, function (a) {
      if (a.getAttribute('data-route') === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function renderSession() {
    // The nav offers "Sign in" only while no token is kept; the header then says who is signed in.
    var navSignin = $('nav-signin');
    if (navSignin) navSignin.hidden = !!token();
    var el = $('session');
    if (!el) return;
    clear(el);
    if (token()) {
      el.appendChild(h('span', { class: 'session-state' }, 'Signed in'));
      el.appendChild(h('button', { type: 'button', class: 'button-small button-light', testid: 'signout',
        onclick: signOut }, 'Sign out'));
    } else {
      el.appendChild(h('span', { class: 'session-state' }, 'Not signed in'));
    }
  }

  function signOut() {
    setToken('');
    flash('Signed out. The token was removed from this browser tab.');
    go('#/signin');
  }

  // Starts a view: heading, title. Returns the h1.
  function startView(title, headingAttrs) {
    setTitle(title);
    var h1 = h('h1', headingAttrs || null, title);
    main.appendChild(h1);
    return h1;
  }

  // Starts a view of one record: title, the heading h1 and "Loading…", which becomes show(record, holder)
  // once the record is read, or the error.
  function startRecordView(ctx, title, h1, path, forbiddenText, show) {
    setTitle(title);
    main.appendChild(h1);
    var holder = h('div', null, loadingBlock());
    main.appendChild(holder);
    api('GET', path).then(function (record) {
      if (ctx.alive()) show(record, holder);
    }, function (err) {
      if (ctx.alive()) clear(holder).appendChild(errorBlock(err, forbiddenText));
    });
  }

  // Names the view after the record it shows, in its heading and in the window's title.
  function setHeading(h1, text) {
    h1.textContent = text;
    setTitle(text);
  }

  // A block that shows "Loading…", then either content or an error (which also goes to the status region).
  function loadingBlock(text) {
    return h('p', { class: 'loading' }, text || 'Loading…');
  }

  function errorBlock(err, forbiddenText) {
    var text = reportError(err, forbiddenText);
    return h('div', { class: 'notice notice-error' }, h('p', null, h('strong', null, 'Error: '), text),
      isUnauthenticated(err) ? h('p', null, h('a', { href: '#/signin' }, 'Sign in')) : null);
  }

  function viewNotFound() {
    startView('Page not found');
    main.appendChild(h('p', null, 'There is no page at this address. ', h('a', { href: '#/search' }, 'Go to search'), '.'));
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Search.

  var searchState = {
    query: '',
    filters: { languages: {}, countries_or_regions: {}, expertise: {}, roles: {}, networks: {}, availability: {} },
    tokens: [''], // page tokens: tokens[i] fetches page i
    page: 0,
    expanded: {},
    seq: 0,
    last: null
  };

  function searchRequest() {
    var f = searchState.filters;
    var req = {
      query: searchState.query.trim(),
      languages: Object.keys(f.languages).map(function (code) {
        var r = { code: code };
        if (f.languages[code]) r.minLevel = fullLevel(f.languages[code]);
        return r;
      }),
      countriesOrRegions: Object.keys(f.countries_or_regions),
      expertise: Object.keys(f.expertise),
      roles: Object.keys(f.roles),
      networks: Object.keys(f.networks),
      availability: Object.keys(f.availability),
      facets: FACETS.map(function (x) { return x.key; }),
      pageSize: SEARCH_PAGE_SIZE
    };
    var tok = searchState.tokens[searchState.page];
    if (tok) req.pageToken = tok;
    return req;
  }

  function activeFilterCount() {
    var f = searchState.filters;
    return Object.keys(f).reduce(function (n, k) { return n + Object.keys(f[k]).length; }, 0);
  }

  function viewSearch(ctx) {
    startView('Search the roster');
    var input = h('input', { type: 'search', id: 'search-query', testid: 'search-query', value: searchState.query,
      autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'search-query-hint' });
    var timer = null;
    input.addEventListener('input', function () {
      searchState.query = input.value;
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; resetPaging(searchState); runSearch(ctx, parts); }, 250);
    });
    var form = h('form', { role: 'search', class: 'search-form', 'aria-label': 'Mediators',
      onsubmit: function (e) {
        e.preventDefault();
        if (timer) { clearTimeout(timer); timer = null; }
        searchState.query = input.value;
        resetPaging(searchState);
        runSearch(ctx, parts);
      } },
      h('label', { for: 'search-query' }, 'Search names and biographies'),
      h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, 'Search')),
      h('p', { id: 'search-query-hint', class: 'hint' },
        'Results update as you type. Accents and case do not matter; a word may be the start of a name.'));
    var parts = {
      facets: h('div', { class: 'facets', id: 'facets' }),
      total: h('p', { class: 'total', testid: 'search-total', 'aria-live': 'off' }),
      results: h('div', { class: 'results' }),
      pager: h('div', { class: 'pager' }),
      clearButton: h('button', { type: 'button', class: 'button-small button-secondary', testid: 'clear-filters',
        hidden: activeFilterCount() === 0,
        onclick: function () {
          Object.keys(searchState.filters).forEach(function (k) { searchState.filters[k] = {}; });
          resetPaging(searchState);
          input.focus();
          runSearch(ctx, parts);
        } }, 'Clear all filters')
    };
    main.appendChild(form);
    main.appendChild(h('div', { class: 'search-layout' },
      h('section', { class: 'filters', 'aria-labelledby': 'filters-heading' },
        h('h2', { id: 'filters-heading' }, 'Filters'), parts.clearButton, parts.facets),
      h('section', { class: 'results-section', 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading' }, 'Results'), parts.total, parts.results, parts.pager)));
    main.appendChild(h('p', { class: 'aside-link' },
      h('a', { href: '#/mediators' }, 'Browse every record by network, deleted ones included')));
    if (searchState.last) renderSearchResult(ctx, parts, searchState.last, false);
    runSearch(ctx, parts);
  }

  function runSearch(ctx, parts) {
    var seq = ++searchState.seq;
    parts.results.setAttribute('aria-busy', 'true');
    api('POST', '/v1/mediators:search', searchRequest()).then(function (r) {
      if (seq !== searchState.seq || !ctx.alive()) return; // a newer request (or another page) owns the view
      searchState.last = r;
      renderSearchResult(ctx, parts, r, true);
    }, function (err) {
      if (seq !== searchState.seq || !ctx.alive()) return;
      parts.results.removeAttribute('aria-busy');
      clear(parts.results).appendChild(errorBlock(err));
      parts.total.textContent = '';
      clear(parts.pager);
    });
  }

  function renderSearchResult(ctx, parts, r, announce) {
    var total = Number(r.totalSize || 0);
    var mediators = r.mediators || [];
    parts.results.removeAttribute('aria-busy');
    var start = searchState.page * SEARCH_PAGE_SIZE;
    var summary = total === 1 ? '1 mediator found' : total + ' mediators found';
    var filters = activeFilterCount();
    parts.total.textContent = summary + (mediators.length && total > mediators.length ?
      ', showing ' + (start + 1) + '–' + (start + mediators.length) : '') + '.';
    parts.clearButton.hidden = filters === 0;
    if (announce) setStatus(parts.total.textContent.replace(/\.$/, '') + (filters ? ', ' + filters + (filters === 1 ? ' filter' : ' filters') + ' applied' : '') + '.');
    rebuildKeepingFocus(parts.facets, function () { renderFacets(ctx, parts, r.facetCounts || []); });
    clear(parts.results);
    if (!mediators.length) {
      parts.results.appendChild(h('p', { class: 'empty', testid: 'search-empty' }, 'No mediator matches this search.'));
      parts.results.appendChild(h('ol', { class: 'result-list', testid: 'search-results', 'aria-label': 'Search results' }));
    } else {
      parts.results.appendChild(h('ol', { class: 'result-list', testid: 'search-results', start: String(start + 1),
        'aria-label': 'Search results' }, mediators.map(resultItem)));
    }
    renderPager(parts.pager, searchState, r.nextPageToken, function () { runSearch(ctx, parts); });
  }

  function resultItem(m) {
    return h('li', { class: 'result', testid: 'search-result' },
      h('h3', { class: 'result-name' }, h('a', { href: mediatorHref(m) }, mediatorDisplayName(m))),
      h('dl', { class: 'result-meta' },
        metaPair('Network', m.network || mediatorRef(m).network),
        metaPair('Languages', (m.languages || []).map(skillText).join(', ') || '—'),
        metaPair('Works on', (m.regions || []).map(regionLabel).join(', ') || '—'),
        metaPair('Availability', availabilityLabel(m.availability)),
        m.deleteTime ? metaPair('Status', 'Deleted') : null));
  }

  function metaPair(term, value) {
    return h('div', { class: 'meta-pair' }, h('dt', null, term), h('dd', null, value));
  }

  // Back to the first page of a stack of page tokens (state.tokens, state.page).
  function resetPaging(state) {
    state.tokens = [''];
    state.page = 0;
  }

  // Previous/next buttons over a stack of page tokens (state.tokens, state.page).
  function renderPager(el, state, nextToken, reload) {
    rebuildKeepingFocus(el, function () { buildPager(el, state, nextToken, reload); });
  }

  function buildPager(el, state, nextToken, reload) {
    clear(el);
    var prev = h('button', { type: 'button', testid: 'page-prev', class: 'button-secondary',
      disabled: state.page === 0, onclick: function () {
        if (state.page === 0) return;
        state.page -= 1;
        state.tokens.length = state.page + 1;
        reload();
      } }, '← Previous page');
    var next = h('button', { type: 'button', testid: 'page-next', class: 'button-secondary',
      disabled: !nextToken, onclick: function () {
        if (!nextToken) return;
        state.tokens[state.page + 1] = nextToken;
        state.page += 1;
        reload();
      } }, 'Next page →');
    el.appendChild(h('nav', { class: 'pager-nav', 'aria-label': 'Pages' }, prev,
      h('span', { class: 'page-number' }, 'Page ' + (state.page + 1)), next));
  }

  function facetValueLabel(facet, value) {
    if (facet === 'languages') return languageLabel(value);
    if (facet === 'countries_or_regions') return regionLabel(value);
    if (facet === 'availability') return availabilityLabel(value);
    return value;
  }

  function renderFacets(ctx, parts, facetCounts) {
    var byName = {};
    facetCounts.forEach(function (fc) { byName[fc.facet] = fc.values || []; });
    var container = clear(parts.facets);
    FACETS.forEach(function (facet) {
      var values = (byName[facet.key] || byName[camel(facet.key)] || []).slice();
      var chosen = searchState.filters[facet.key];
      // Keep checked values listed even when their count dropped to zero, so they can be unchecked.
      Object.keys(chosen).forEach(function (v) {
        if (!values.some(function (x) { return x.value === v; })) values.push({ value: v, count: 0 });
      });
      container.appendChild(facetGroup(ctx, parts, facet, values, chosen));
    });
  }

  function camel(s) { return s.replace(/_([a-z])/g, function (_, c) { return c.toUpperCase(); }); }

  function facetGroup(ctx, parts, facet, values, chosen) {
    var expanded = !!searchState.expanded[facet.key];
    var shown = values.filter(function (v, i) { return expanded || i < FACET_PREVIEW || (v.value in chosen); });
    var fs = h('fieldset', { class: 'facet', testid: 'facets-' + facet.key }, h('legend', null, facet.title));
    if (!values.length) fs.appendChild(h('p', { class: 'hint' }, 'No values.'));
    var ul = h('ul', { class: 'facet-values' });
    shown.forEach(function (v) { ul.appendChild(facetItem(ctx, parts, facet, v, chosen)); });
    fs.appendChild(ul);
    if (values.length > FACET_PREVIEW) {
      fs.appendChild(h('button', { type: 'button', class: 'button-link', 'aria-expanded': String(expanded),
        testid: 'facets-more-' + facet.key,
        onclick: function () {
          searchState.expanded[facet.key] = !expanded;
          if (!searchState.last) return;
          rebuildKeepingFocus(parts.facets, function () { renderFacets(ctx, parts, searchState.last.facetCounts || []); });
        } }, expanded ? 'Show fewer' : 'Show all ' + values.length));
    }
    return fs;
  }

  function facetItem(ctx, parts, facet, v, chosen) {
    var value = String(v.value);
    var id = 'facet-' + facet.key + '-' + value.replace(/[^A-Za-z0-9_-]/g, '_');
    var label = facetValueLabel(facet.key, value);
    var box = checkbox(value in chosen, { id: id, testid: 'facet-' + facet.key + '-' + value, value: value,
      onchange: function () {
        if (box.checked) chosen[value] = ''; else delete chosen[value];
        resetPaging(searchState);
        runSearch(ctx, parts);
      } });
    var count = Number(v.count || 0);
    var li = h('li', { class: 'facet-value' }, box,
      h('label', { for: id }, h('span', { class: 'facet-label' }, label), ' ',
        h('span', { class: 'count' }, String(count), visuallyHidden(count === 1 ? ' mediator' : ' mediators'))));
    if (facet.key === 'languages' && value in chosen) {
      var selId = id + '-level';
      var sel = selectInput([['', 'any level']].concat(LEVELS.map(function (l) { return [l, l === 'NATIVE' ? 'native' : l + ' or above']; })),
        chosen[value], { id: selId, testid: 'language-level-' + value, onchange: function () {
          chosen[value] = sel.value;
          resetPaging(searchState);
          runSearch(ctx, parts);
        } });
      li.appendChild(h('div', { class: 'facet-level' }, h('label', { for: selId }, 'Minimum level for ' + label), sel));
    }
    return li;
  }

  // ---------------------------------------------------------------------------------------------
  // Browse records by network (ListMediators), deleted ones included: the way back to a deleted record.

  var browseState = { network: '-', showDeleted: true, tokens: [''], page: 0 };

  function viewBrowse(ctx) {
    startView('Browse records');
    main.appendChild(h('p', null, 'Every record of a network in name order, deleted ones included. ',
      h('a', { href: '#/search' }, 'Back to search'), '.'));
    var net = textInput({ value: browseState.network === '-' ? '' : browseState.network, list: 'browse-networks' });
    var del = checkbox(browseState.showDeleted);
    var fm = new FormModel();
    var out = h('div');
    var pager = h('div', { class: 'pager' });
    function load() {
      clear(out).appendChild(loadingBlock());
      var path = '/v1/networks/' + encodeURIComponent(browseState.network || '-') + '/mediators' +
        query({ pageSize: SEARCH_PAGE_SIZE, pageToken: browseState.tokens[browseState.page],
          showDeleted: browseState.showDeleted ? 'true' : '' });
      api('GET', path).then(function (r) {
        if (!ctx.alive()) return;
        var ms = r.mediators || [];
        clear(out).appendChild(ms.length ? h('ol', { class: 'result-list', testid: 'browse-results',
          start: String(browseState.page * SEARCH_PAGE_SIZE + 1), 'aria-label': 'Records' }, ms.map(resultItem)) :
          h('p', { class: 'empty' }, 'No records.'));
        setStatus(ms.length + (ms.length === 1 ? ' record' : ' records') + ' on this page.');
        renderPager(pager, browseState, r.nextPageToken, load);
      }, function (err) {
        if (!ctx.alive()) return;
        clear(out).appendChild(errorBlock(err));
      });
    }
    main.appendChild(h('form', { class: 'inline-form', onsubmit: function (e) {
      e.preventDefault();
      browseState.network = net.value.trim() || '-';
      browseState.showDeleted = del.checked;
      resetPaging(browseState);
      load();
    } },
      fm.field('network', 'Network (empty: every network)', net), networkDatalist('browse-networks'),
      fm.field('show_deleted', 'Include deleted records', del),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show records'))));
    main.appendChild(h('section', { 'aria-labelledby': 'browse-h2' }, h('h2', { id: 'browse-h2' }, 'Records'), out, pager));
    load();
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Profile.

  function viewProfile(ctx, network, id) {
    var h1 = h('h1', { testid: 'profile-name' }, 'Mediator ' + id);
    startRecordView(ctx, 'Mediator ' + id, h1, mediatorPath(network, id), 'Your role may not read this record.',
      function (m, body) { renderProfile(ctx, h1, body, m); });
  }

  function renderProfile(ctx, h1, body, m) {
    setHeading(h1, mediatorDisplayName(m));
    clear(body);
    var ref = mediatorRef(m);
    var replica = Number(m.originVersion || 0) > 0 || (m.originNetwork && m.originNetwork !== ref.network);
    if (m.deleteTime) {
      body.appendChild(h('div', { class: 'notice notice-warning', testid: 'profile-deleted' },
        h('p', null, h('strong', null, 'Deleted. '), 'This record was deleted on ' + dateTime(m.deleteTime) +
          '. It is kept but left out of searches and shortlists until it is undeleted.')));
    }
    if (replica) {
      body.appendChild(h('div', { class: 'notice' }, h('p', null, 'A copy of a record held by partner network ',
        h('strong', null, m.originNetwork || ref.network), '. It can only be changed there.')));
    }
    if (m.atRisk) {
      body.appendChild(h('div', { class: 'notice notice-warning' }, h('p', null, h('strong', null, 'At risk. '),
        'This record is visible only inside its own network.')));
    }
    var actions = h('div', { class: 'actions' });
    if (!replica) {
      actions.appendChild(h('button', { type: 'button', testid: 'edit-profile',
        onclick: function () { go(mediatorHref(m) + '/edit'); } }, 'Edit'));
      if (m.deleteTime) {
        actions.appendChild(h('button', { type: 'button', class: 'button-secondary', testid: 'undelete-profile',
          onclick: function () { undeleteMediator(ctx, h1, body, m); } }, 'Undelete'));
      } else {
        actions.appendChild(h('button', { type: 'button', class: 'button-danger', testid: 'delete-profile',
          onclick: function () { deleteMediator(ctx, h1, body, m); } }, 'Delete'));
      }
    }
    body.appendChild(actions);

    body.appendChild(h('section', { 'aria-labelledby': 'p-about' }, h('h2', { id: 'p-about' }, 'Profile'),
      h('dl', { class: 'details', testid: 'profile-details' },
        detail('Given name', m.givenName), detail('Family name', m.familyName),
        detail('Network', ref.network), detail('Chapter', m.chapter ? regionLabel(m.chapter) : ''),
        detail('Nationalities', (m.nationalities || []).map(regionLabel).join(', ')),
        detail('Languages', (m.languages || []).map(skillText).join(', ')),
        detail('Works on', (m.regions || []).map(regionLabel).join(', ')),
        detail('Expertise', list(m.expertise)),
        detail('Roles', list(m.roles)),
        detail('Years of experience', String(m.yearsExperience || 0)),
        detail('Availability', availabilityLabel(m.availability)),
        detail('Unavailable periods', (m.unavailablePeriods || []).map(function (p) {
          return (p.start || '?') + ' to ' + (p.end || '?');
        }).join(', ')),
        detail('At risk', m.atRisk ? 'Yes: visible only inside her network' : 'No'))));
    body.appendChild(h('section', { 'aria-labelledby': 'p-bio' }, h('h2', { id: 'p-bio' }, 'Biography'),
      m.bio ? h('p', { class: 'bio', testid: 'profile-bio' }, m.bio) : h('p', { class: 'empty' }, 'No biography.')));
    var c = m.contact || {};
    if (c.email || c.phone) {
      body.appendChild(h('section', { 'aria-labelledby': 'p-contact', testid: 'profile-contact' },
        h('h2', { id: 'p-contact' }, 'Contact'),
        h('dl', { class: 'details' },
          c.email ? h('div', { class: 'detail' }, h('dt', null, 'Email'),
            h('dd', null, h('a', { href: 'mailto:' + c.email }, c.email))) : null,
          c.phone ? h('div', { class: 'detail' }, h('dt', null, 'Phone'),
            h('dd', null, h('a', { href: 'tel:' + c.phone.replace(/[^0-9+]/g, '') }, c.phone))) : null)));
    }
    var consent = m.consent || {};
    body.appendChild(h('section', { 'aria-labelledby': 'p-consent' }, h('h2', { id: 'p-consent' }, 'Consent'),
      h('dl', { class: 'details' },
        detail('Shared with every partner network', yesNo(consent.shareAll)),
        detail('Shared with networks', list(consent.shareWith) || (consent.shareAll ? 'all' : 'none')),
        detail('Contact may be released to mediation units', yesNo(consent.contactRelease)))));
    body.appendChild(h('section', { 'aria-labelledby': 'p-record' }, h('h2', { id: 'p-record' }, 'Record'),
      h('dl', { class: 'details' },
        detail('Resource name', m.name), detail('Origin network', m.originNetwork),
        detail('Created', dateTime(m.createTime)), detail('Updated', dateTime(m.updateTime)),
        detail('Deleted', dateTime(m.deleteTime)), detail('Version', m.etag))));
  }

  function detail(term, value) {
    if (value === undefined || value === null || value === '') return null;
    return h('div', { class: 'detail' }, h('dt', null, term), h('dd', null, value));
  }

  function deleteMediator(ctx, h1, body, m) {
    if (!window.confirm('Delete the record of ' + mediatorDisplayName(m) + '? It is kept and can be undeleted.')) return;
    var r = mediatorRef(m);
    setStatus('Deleting…');
    api('DELETE', mediatorPath(r.network, r.id) + query({ etag: m.etag })).then(function (res) {
      if (!ctx.alive()) return;
      renderProfile(ctx, h1, body, res && res.name ? res : Object.assign({}, m, { deleteTime: new Date().toISOString() }));
      setStatus('Deleted ' + mediatorDisplayName(m) + '.', 'ok');
      var b = document.querySelector('[data-testid="undelete-profile"]');
      if (b) b.focus();
    }, function (err) { if (ctx.alive()) reportError(err); });
  }

  function undeleteMediator(ctx, h1, body, m) {
    var r = mediatorRef(m);
    setStatus('Undeleting…');
    api('POST', mediatorPath(r.network, r.id) + ':undelete', {}).then(function (res) {
      if (!ctx.alive()) return;
      var next = res && res.name ? res : Object.assign({}, m);
      if (!(res && res.name)) delete next.deleteTime;
      renderProfile(ctx, h1, body, next);
      setStatus('Undeleted ' + mediatorDisplayName(m) + '.', 'ok');
      var b = document.querySelector('[data-testid="delete-profile"]');
      if (b) b.focus();
    }, function (err) { if (ctx.alive()) reportError(err); });
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Edit and create.

  // The form's fields: proto field name -> {mask path, read from a Mediator, write into one}.
  var MEDIATOR_FIELDS = [
    { key: 'given_name', mask: 'givenName' },
    { key: 'family_name', mask: 'familyName' },
    { key: 'display_name', mask: 'displayName' },
    { key: 'chapter', mask: 'chapter' },
    { key: 'nationalities', mask: 'nationalities' },
    { key: 'languages', mask: 'languages' },
    { key: 'regions', mask: 'regions' },
    { key: 'expertise', mask: 'expertise' },
    { key: 'roles', mask: 'roles' },
    { key: 'years_experience', mask: 'yearsExperience' },
    { key: 'availability', mask: 'availability' },
    { key: 'unavailable_periods', mask: 'unavailablePeriods' },
    { key: 'bio', mask: 'bio' },
    { key: 'contact', mask: 'contact' },
    { key: 'consent', mask: 'consent' },
    { key: 'at_risk', mask: 'atRisk' }
  ];

  function viewEdit(ctx, network, id) {
    var h1 = h('h1', null, 'Edit mediator');
    startRecordView(ctx, 'Edit mediator ' + id, h1, mediatorPath(network, id), null, function (m, holder) {
      setHeading(h1, 'Edit ' + mediatorDisplayName(m));
      clear(holder).appendChild(mediatorForm(ctx, m, false));
    });
  }

  function viewNew(ctx) {
    startView('New mediator');
    main.appendChild(h('p', null, 'Add a mediator to a network this server is authoritative for. To add many at once, ',
      h('a', { href: '#/import' }, 'import a CSV file'), '.'));
    main.appendChild(mediatorForm(ctx, { availability: 'AVAILABLE' }, true));
  }

  function mediatorForm(ctx, m, isNew) {
    var form = h('form', { class: 'form', novalidate: true, testid: 'mediator-form' });
    var fm = new FormModel(form);
    var c = m.contact || {};
    var consent = m.consent || {};
    var inputs = {
      given_name: textInput({ value: m.givenName || '', autocomplete: 'off' }),
      family_name: textInput({ value: m.familyName || '' }),
      display_name: textInput({ value: m.displayName || '' }),
      network: textInput({ value: '', list: 'form-networks', autocapitalize: 'none', spellcheck: 'false' }),
      mediator_id: textInput({ value: '', autocapitalize: 'none', spellcheck: 'false', pattern: '[a-z0-9][a-z0-9-]{0,62}' }),
      chapter: textInput({ value: m.chapter || '', maxlength: '2', class: 'short', autocapitalize: 'characters' }),
      nationalities: textInput({ value: joinList(m.nationalities), autocapitalize: 'characters' }),
      languages: textInput({ value: formatLanguages(m.languages, 'level'), autocapitalize: 'none', spellcheck: 'false' }),
      regions: textInput({ value: joinList(m.regions), autocapitalize: 'characters' }),
      expertise: textInput({ value: joinList(m.expertise), autocapitalize: 'none', spellcheck: 'false' }),
      roles: textInput({ value: joinList(m.roles), autocapitalize: 'none', spellcheck: 'false' }),
      years_experience: h('input', { type: 'number', min: '0', max: '80', step: '1', inputmode: 'numeric', class: 'short',
        value: String(m.yearsExperience || 0) }),
      availability: selectInput(AVAILABILITY.map(function (a) { return [a, availabilityLabel(a)]; }),
        m.availability && m.availability !== 'AVAILABILITY_UNSPECIFIED' ? m.availability : 'AVAILABLE'),
      unavailable_periods: textInput({ value: formatPeriods(m.unavailablePeriods), spellcheck: 'false' }),
      bio: h('textarea', { rows: '6' }),
      email: h('input', { type: 'email', value: c.email || '', autocomplete: 'off', spellcheck: 'false' }),
      phone: h('input', { type: 'tel', value: c.phone || '', autocomplete: 'off' }),
      share_all: checkbox(consent.shareAll),
      share_with: textInput({ value: joinList(consent.shareWith), list: 'form-networks', spellcheck: 'false',
        autocapitalize: 'none' }),
      contact_release: checkbox(consent.contactRelease),
      at_risk: checkbox(m.atRisk)
    };
    inputs.bio.value = m.bio || '';

    form.appendChild(fm.errorBox);
    var who = h('fieldset', null, h('legend', null, 'Name and network'),
      fm.field('given_name', 'Given name', inputs.given_name),
      fm.field('family_name', 'Family name', inputs.family_name),
      fm.field('display_name', 'Display name', inputs.display_name,
        { hint: 'Optional. Defaults to the given name followed by the family name.' }),
      isNew ? fm.field('network', 'Network', inputs.network, { hint: 'The network id, e.g. nordic.', aliases: ['parent'] }) : null,
      isNew ? fm.field('mediator_id', 'Id', inputs.mediator_id, { hint: 'Optional: lower-case letters, digits and hyphens; ' +
        'assigned by the server when empty.', aliases: ['id', 'name'], labelTestid: 'field-id', errorAlias: 'id' }) : null,
      fm.field('chapter', 'Chapter', inputs.chapter, { hint: 'The country code of her network chapter, e.g. SE.' }),
      isNew ? networkDatalist('form-networks') : null);
    var work = h('fieldset', null, h('legend', null, 'Languages and work'),
      fm.field('nationalities', 'Nationalities', inputs.nationalities,
        { hint: 'Country codes separated by ; or commas, e.g. SE; SO.' }),
      fm.field('languages', 'Languages', inputs.languages,
        { hint: 'code:level separated by ;, e.g. ar:C2; en:native. Levels A1, A2, B1, B2, C1, C2, native.' }),
      fm.field('regions', 'Regions she works on', inputs.regions,
        { hint: 'Country codes and UN M49 area codes, e.g. SD; 015.', aliases: ['countries_or_regions'] }),
      fm.field('expertise', 'Expertise', inputs.expertise, { hint: 'Terms separated by ;, e.g. power-sharing; elections.' }),
      vocabularyHint('Expertise terms', EXPERTISE),
      fm.field('roles', 'Roles', inputs.roles, { hint: 'Terms separated by ;, e.g. mediator; adviser.' }),
      vocabularyHint('Role terms', ROLES),
      fm.field('years_experience', 'Years of experience', inputs.years_experience),
      fm.field('availability', 'Availability', inputs.availability),
      fm.field('unavailable_periods', 'Unavailable periods', inputs.unavailable_periods,
        { hint: 'start/end dates separated by ;, e.g. 2027-03-01/2027-04-15.' }),
      fm.field('bio', 'Biography', inputs.bio, { wide: true }));
    var contact = h('fieldset', null, h('legend', null, 'Contact'),
      fm.field('email', 'Email', inputs.email),
      fm.field('phone', 'Phone', inputs.phone));
    var share = h('fieldset', null, h('legend', null, 'Consent'),
      fm.field('share_all', 'Share her record with every partner network', inputs.share_all),
      fm.field('share_with', 'Share with these networks', inputs.share_with,
        { hint: 'Network ids separated by ;, e.g. femwise-africa; nordic. Leave empty when shared with all.' }),
      fm.field('contact_release', 'Her contact details may be released to mediation units', inputs.contact_release),
      fm.field('at_risk', 'At risk of threats or reprisals: visible only inside her own network', inputs.at_risk));
    var save = h('button', { type: 'submit', testid: 'save-profile' }, isNew ? 'Create' : 'Save changes');
    var cancel = h('a', { href: isNew ? '#/search' : mediatorHref(m), class: 'button-like button-secondary' }, 'Cancel');
    form.appendChild(who);
    form.appendChild(work);
    form.appendChild(contact);
    form.appendChild(share);
    form.appendChild(h('div', { class: 'actions' }, save, cancel));

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      submitMediatorForm(ctx, fm, inputs, m, isNew, save);
    });
    return form;
  }

  // Reads the form into a Mediator; returns {resource, violations}.
  function readMediatorForm(inputs) {
    var violations = [];
    var langs = parseLanguages(inputs.languages.value, 'level');
    if (langs.error) violations.push({ field: 'languages', description: langs.error });
    var periods = parsePeriods(inputs.unavailable_periods.value);
    if (periods.error) violations.push({ field: 'unavailable_periods', description: periods.error });
    var yearsText = String(inputs.years_experience.value).trim();
    var years = yearsText === '' ? 0 : Number(yearsText);
    if (!/^\d+$/.test(yearsText || '0') || isNaN(years)) {
      violations.push({ field: 'years_experience', description: 'Enter a whole number of years (0 or more).' });
    }
    var m = {
      givenName: inputs.given_name.value.trim(),
      familyName: inputs.family_name.value.trim(),
      displayName: inputs.display_name.value.trim(),
      chapter: inputs.chapter.value.trim().toUpperCase(),
      nationalities: upperList(inputs.nationalities.value),
      languages: langs.skills,
      regions: upperList(inputs.regions.value),
      expertise: splitList(inputs.expertise.value),
      roles: splitList(inputs.roles.value),
      yearsExperience: years || 0,
      availability: inputs.availability.value,
      unavailablePeriods: periods.periods,
      bio: inputs.bio.value,
      contact: { email: inputs.email.value.trim(), phone: inputs.phone.value.trim() },
      consent: { shareAll: inputs.share_all.checked, shareWith: splitList(inputs.share_with.value),
        contactRelease: inputs.contact_release.checked },
      atRisk: inputs.at_risk.checked
    };
    return { resource: m, violations: violations };
  }

  // A comparable form of a field's value (defaults filled in, as the JSON mapping omits them).
  function normalized(m, mask) {
    var v = m[mask];
    switch (mask) {
      case 'languages': return JSON.stringify((v || []).map(function (s) { return [s.code || '', s.level || 'LANGUAGE_LEVEL_UNSPECIFIED']; }));
      case 'unavailablePeriods': return JSON.stringify((v || []).map(function (p) { return [p.start || '', p.end || '']; }));
      case 'contact': return JSON.stringify([(v || {}).email || '', (v || {}).phone || '']);
      case 'consent': return JSON.stringify([!!(v || {}).shareAll, (v || {}).shareWith || [], !!(v || {}).contactRelease]);
      case 'yearsExperience': return String(Number(v || 0));
      case 'atRisk': return String(!!v);
      case 'availability': return v && v !== 'AVAILABILITY_UNSPECIFIED' ? v : 'AVAILABLE';
      case 'nationalities': case 'regions': case 'expertise': case 'roles': return JSON.stringify(v || []);
      default: return String(v || '');
    }
  }

  // Saves a mediator or process form: a POST that creates the record, or a PATCH of the fields that changed.
  // spec: {
  //   isNew, read() -> {resource, violations}, fields: [{key, mask}] (body and update mask in this order),
  //   create: {path, idParam, id, omit(mask, value) for what a new record leaves out (optional)},
  //   update: {path, original, name, normalized(resource, mask) to compare a field's values},
  //   savedName(saved, resource) for the message, route(saved) to go to afterwards, forbiddenText (optional)
  // }; saved is the server's reply when it names the record, else null.
  function submitResourceForm(ctx, fm, saveButton, spec) {
    var read = spec.read();
    if (read.violations.length) {
      fm.showInvalid(read.violations);
      return;
    }
    var resource = read.resource;
    var request;
    if (spec.isNew) {
      var create = spec.create;
      var body = {};
      spec.fields.forEach(function (f) {
        if (!(create.omit && create.omit(f.mask, resource[f.mask]))) body[f.mask] = resource[f.mask];
      });
      var idQuery = {};
      idQuery[create.idParam] = create.id;
      request = api('POST', create.path + query(idQuery), body);
    } else {
      var update = spec.update;
      var mask = [];
      var patch = { name: update.name };
      if (update.original.etag) patch.etag = update.original.etag;
      spec.fields.forEach(function (f) {
        if (update.normalized(resource, f.mask) !== update.normalized(update.original, f.mask)) {
          mask.push(f.mask);
          // An emptied optional value is left out of the body: the mask then clears it.
          if (resource[f.mask] !== undefined) patch[f.mask] = resource[f.mask];
        }
      });
      if (!mask.length) {
        fm.clearErrors();
        setStatus('Nothing changed: there is nothing to save.');
        return;
      }
      request = api('PATCH', update.path + query({ updateMask: mask.join(',') }), patch);
    }
    sendForm(ctx, saveButton, spec.isNew ? 'Creating…' : 'Saving…', request, function (saved) {
      if (!(saved && saved.name)) saved = null;
      flash((spec.isNew ? 'Created ' : 'Saved ') + spec.savedName(saved, resource) + '.', 'ok');
      go(spec.route(saved));
    }, function (err) {
      fm.showApiError(err, spec.forbiddenText);
    });
  }

  function submitMediatorForm(ctx, fm, inputs, original, isNew, saveButton) {
    var ref = mediatorRef(original);
    var network = inputs.network.value.trim();
    submitResourceForm(ctx, fm, saveButton, {
      isNew: isNew,
      read: function () {
        var read = readMediatorForm(inputs);
        // The network is asked for once the rest of the form reads.
        if (isNew && !read.violations.length && !network) {
          read.violations.push({ field: 'network', description: 'Enter the network id.' });
        }
        return read;
      },
      fields: MEDIATOR_FIELDS,
      create: { path: '/v1/networks/' + encodeURIComponent(network) + '/mediators', idParam: 'mediatorId',
        id: inputs.mediator_id.value.trim() },
      update: { path: mediatorPath(ref.network, ref.id), original: original, name: original.name,
        normalized: normalized },
      savedName: function (saved, m) { return mediatorDisplayName(saved || m); },
      route: function (saved) { return mediatorHref(saved || original); }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Import and export.

  function viewImport(ctx) {
    startView('Import and export');
    main.appendChild(h('p', null, 'One CSV format for both, UTF-8 with a header row: ',
      h('code', { class: 'wrap' }, 'id,network,chapter,given_name,family_name,nationalities,languages,regions,' +
        'expertise,roles,years_experience,availability,unavailable_periods,email,phone,consent_share,bio'),
      '. Lists are separated by ;. Importing updates records with the same network and id.'));
    main.appendChild(importSection(ctx));
    main.appendChild(exportSection(ctx));
  }

  function importSection(ctx) {
    var file = h('input', { type: 'file', accept: '.csv,text/csv', testid: 'import-file' });
    var fm = new FormModel();
    var submit = h('button', { type: 'submit', testid: 'import-submit' }, 'Import');
    var out = h('div', { class: 'import-result' });
    var form = h('form', { class: 'form', onsubmit: function (e) {
      e.preventDefault();
      fm.clearErrors();
      var f = file.files && file.files[0];
      if (!f) {
        fm.showErrors([{ field: 'file', description: 'Choose a CSV file first.' }], null);
        setStatus('Choose a CSV file first.', 'error');
        return;
      }
      clear(out);
      var request = f.text().then(function (text) {
        return api('POST', '/v1/mediators:import', text, { contentType: 'text/csv; charset=utf-8' });
      });
      sendForm(ctx, submit, 'Importing ' + f.name + '…', request, function (r) {
        renderImportResult(out, r);
      }, function (err) {
        if (err instanceof ApiError) fm.showApiError(err);
        else fm.showErrors([{ field: 'file', description: 'Cannot read the file: ' + (err && err.message || err) }], null);
      });
    } }, fm.errorBox, fm.field('file', 'CSV file', file, { hint: 'A .csv file in the format above.' }),
      h('div', { class: 'actions' }, submit));
    return h('section', { 'aria-labelledby': 'import-h2' }, h('h2', { id: 'import-h2' }, 'Import a CSV file'), form, out);
  }

  function renderImportResult(out, r) {
    var created = Number(r.created || 0);
    var updated = Number(r.updated || 0);
    var unchanged = Number(r.unchanged || 0);
    var failed = Number(r.failed || 0);
    var errors = r.errors || [];
    var text = 'Created ' + created + ', updated ' + updated + ', unchanged ' + unchanged + ', failed ' + failed + '.';
    clear(out);
    out.appendChild(h('h3', null, 'Result'));
    out.appendChild(h('p', { testid: 'import-summary', class: failed ? 'summary summary-warning' : 'summary',
      'data-created': String(created), 'data-updated': String(updated), 'data-failed': String(failed) }, text));
    setStatus('Import finished. ' + text + (errors.length ? ' ' + errors.length + ' row errors are listed below.' : ''),
      failed ? 'error' : 'ok');
    if (!errors.length) return;
    out.appendChild(dataTable({ testid: 'import-errors' }, 'Rows that were not imported', ['Row', 'Field', 'Message'],
      errors.map(function (e) {
        return h('tr', { testid: 'import-error' }, h('th', { scope: 'row' }, String(e.row || '')),
          h('td', null, e.field || '(whole row)'), h('td', null, e.message || ''));
      })));
  }

  function exportSection(ctx) {
    var net = textInput({ list: 'export-networks', testid: 'export-network', spellcheck: 'false', autocapitalize: 'none' });
    var fm = new FormModel();
    var button = h('button', { type: 'submit', testid: 'export-submit' }, 'Download CSV');
    var out = h('div');
    var form = h('form', { class: 'form', onsubmit: function (e) {
      e.preventDefault();
      fm.clearErrors();
      var network = net.value.trim();
      var request = api('GET', '/v1/mediators:export' + query({ network: network }), null,
        { raw: true, accept: 'text/csv' }).then(function (res) { return res.blob(); });
      sendForm(ctx, button, 'Exporting…', request, function (blob) {
        var fileName = 'wps-roster-' + (network || 'all') + '-' + new Date().toISOString().slice(0, 10) + '.csv';
        offerDownload(out, blob, fileName);
        setStatus('Export ready: ' + fileName + ' (' + blob.size + ' bytes).', 'ok');
      }, function (err) {
        fm.showApiError(err);
      });
    } }, fm.errorBox,
      fm.field('network', 'Network', net, { hint: 'A network id, e.g. nordic. Leave empty to export every network.' }),
      networkDatalist('export-networks'),
      h('div', { class: 'actions' }, button));
    return h('section', { 'aria-labelledby': 'export-h2' }, h('h2', { id: 'export-h2' }, 'Export to CSV'), form, out);
  }

  var blobUrls = [];
  function offerDownload(out, blob, fileName) {
    blobUrls.forEach(function (u) { URL.revokeObjectURL(u); });
    var url = URL.createObjectURL(blob);
    blobUrls = [url];
    var link = h('a', { href: url, download: fileName, testid: 'export-link' }, 'Save ' + fileName);
    clear(out).appendChild(h('p', null, 'If the download did not start: ', link, '.'));
    var auto = h('a', { href: url, download: fileName, hidden: true });
    document.body.appendChild(auto);
    auto.click();
    document.body.removeChild(auto);
  }

  // ---------------------------------------------------------------------------------------------
  // Peace processes: list, one process, create and edit.

  var processesState = { tokens: [''], page: 0 };

  function viewProcesses(ctx) {
    startView('Peace processes');
    main.appendChild(h('p', null, 'The peace processes mediation units ask shortlists for and record delegations in.'));
    main.appendChild(h('div', { class: 'actions' },
      h('a', { href: '#/processes/new', class: 'button-like', testid: 'new-process' }, 'New process')));
    var body = h('div', null, loadingBlock());
    var pager = h('div', { class: 'pager' });
    main.appendChild(h('section', { 'aria-labelledby': 'processes-h2' }, h('h2', { id: 'processes-h2' }, 'Processes'),
      body, pager));
    function load() {
      body.setAttribute('aria-busy', 'true');
      api('GET', '/v1/processes' + query({ pageSize: PROCESS_PAGE_SIZE,
        pageToken: processesState.tokens[processesState.page] })).then(function (r) {
        if (!ctx.alive()) return;
        body.removeAttribute('aria-busy');
        renderProcessList(body, r.processes || []);
        renderPager(pager, processesState, r.nextPageToken, load);
      }, function (err) {
        if (!ctx.alive()) return;
        body.removeAttribute('aria-busy');
        clear(pager);
        clear(body).appendChild(errorBlock(err, 'Your role may not list peace processes.'));
      });
    }
    load();
  }

  function renderProcessList(body, processes) {
    clear(body);
    if (!processes.length) {
      body.appendChild(h('p', { class: 'empty', testid: 'processes-empty' }, processesState.page ?
        'No processes on this page.' : 'No peace processes are recorded yet.'));
      setStatus(processesState.page ? 'No processes on this page.' : 'No peace processes are recorded yet.');
      return;
    }
    body.appendChild(dataTable({ testid: 'processes' }, 'Peace processes, page ' + (processesState.page + 1),
      ['Process', 'Countries', 'Working languages', 'Stage', 'Track'],
      processes.map(function (p) {
        return h('tr', { testid: 'process-row' },
          h('th', { scope: 'row' }, h('a', { href: processHref(p) }, p.displayName || lastSegment(p.name))),
          h('td', null, (p.countries || []).map(regionLabel).join(', ') || '—'),
          h('td', null, (p.workingLanguages || []).map(languageLabel).join(', ') || '—'),
          h('td', null, stageLabel(p.stage)),
          h('td', null, trackLabel(p.track)));
      })));
    setStatus(processes.length + (processes.length === 1 ? ' process' : ' processes') + ' on this page.');
  }

  function viewProcess(ctx, id) {
    var h1 = h('h1', { testid: 'process-name' }, 'Process ' + id);
    startRecordView(ctx, 'Process ' + id, h1, processPath(id), 'Your role may not read this process.',
      function (p, body) {
        setHeading(h1, p.displayName || lastSegment(p.name) || id);
        renderProcess(body, p, id);
      });
  }

  function partyText(party) {
    var nats = (party.nationalities || []).map(regionLabel).join(', ');
    return (party.displayName || '(unnamed party)') + (nats ? ': ' + nats : '');
  }

  function renderProcess(body, p, id) {
    clear(body);
    var pid = lastSegment(p.name) || id;
    var processName = p.name || 'processes/' + pid;
    body.appendChild(h('div', { class: 'actions' },
      h('a', { href: '#/processes/' + encodeURIComponent(pid) + '/edit', class: 'button-like', testid: 'edit-process' },
        'Edit'),
      h('a', { href: '#/shortlist' + query({ process: processName }), class: 'button-like button-secondary',
        testid: 'process-shortlist' }, 'Request a shortlist for it'),
      h('a', { href: '#/balance' + query({ process: pid }), class: 'button-like button-secondary',
        testid: 'process-balance' }, 'Delegation balance')));
    var parties = p.parties || [];
    body.appendChild(h('section', { 'aria-labelledby': 'pp-about' }, h('h2', { id: 'pp-about' }, 'Process'),
      h('dl', { class: 'details', testid: 'process-details' },
        detail('Countries', (p.countries || []).map(regionLabel).join(', ') || '—'),
        detail('Working languages', (p.workingLanguages || []).map(languageLabel).join(', ') || '—'),
        detail('Expertise needed', list(p.expertiseNeeded) || '—'),
        detail('Stage', stageLabel(p.stage)),
        detail('Track', trackLabel(p.track)),
        detail('Women\u2019s share target', p.targetWomenShare === undefined || p.targetWomenShare === null ?
          percent(0.3) + ' (default)' : percent(p.targetWomenShare)))));
    body.appendChild(h('section', { 'aria-labelledby': 'pp-parties' }, h('h2', { id: 'pp-parties' }, 'Parties'),
      parties.length ? h('ul', { class: 'plain-list', testid: 'process-parties' }, parties.map(function (party) {
        return h('li', null, partyText(party));
      })) : h('p', { class: 'empty' }, 'No parties recorded.')));
    body.appendChild(h('section', { 'aria-labelledby': 'pp-record' }, h('h2', { id: 'pp-record' }, 'Record'),
      h('dl', { class: 'details' },
        detail('Resource name', p.name), detail('Created', dateTime(p.createTime)),
        detail('Updated', dateTime(p.updateTime)), detail('Version', p.etag))));
    body.appendChild(h('p', null, h('a', { href: '#/processes' }, 'All peace processes')));
  }

  function viewNewProcess(ctx) {
    startView('New peace process');
    main.appendChild(h('p', null, 'Record a peace process so that shortlists can be asked for it and its delegations ' +
      'tracked.'));
    main.appendChild(processForm(ctx, {}, true));
  }

  function viewEditProcess(ctx, id) {
    var h1 = h('h1', null, 'Edit process');
    startRecordView(ctx, 'Edit process ' + id, h1, processPath(id), 'Your role may not read this process.',
      function (p, holder) {
        setHeading(h1, 'Edit ' + (p.displayName || lastSegment(p.name) || id));
        clear(holder).appendChild(processForm(ctx, p, false, id));
      });
  }

  // The form's fields: proto field name -> JSON name (also the update mask path).
  var PROCESS_FIELDS = [
    { key: 'display_name', mask: 'displayName' },
    { key: 'countries', mask: 'countries' },
    { key: 'working_languages', mask: 'workingLanguages' },
    { key: 'expertise_needed', mask: 'expertiseNeeded' },
    { key: 'parties', mask: 'parties' },
    { key: 'stage', mask: 'stage' },
    { key: 'track', mask: 'track' },
    { key: 'target_women_share', mask: 'targetWomenShare' }
  ];

  // "Sudanese Armed Forces: SD\nRSF: SD" <-> [{displayName, nationalities}]
  function formatParties(parties) {
    return (parties || []).map(function (p) {
      var nats = p.nationalities || [];
      return (p.displayName || '') + (nats.length ? ': ' + nats.join('; ') : '');
    }).join('\n');
  }

  function parseParties(text) {
    var out = [];
    var bad = [];
    String(text || '').split(/\r?\n/).forEach(function (line, idx) {
      line = line.trim();
      if (!line) return;
      var colon = line.lastIndexOf(':');
      var name = (colon >= 0 ? line.slice(0, colon) : line).trim();
      var nats = colon >= 0 ? upperList(line.slice(colon + 1)) : [];
      if (!name) { bad.push(idx + 1); return; }
      out.push({ displayName: name, nationalities: nats });
    });
    return { parties: out, error: bad.length ? 'Line ' + bad.join(', ') + ': write the party\u2019s name before the ' +
      'colon, e.g. Sudanese Armed Forces: SD.' : '' };
  }

  function formatShare(v) {
    if (v === undefined || v === null || v === '' || isNaN(Number(v))) return '';
    return String(Math.round(Number(v) * 1e6) / 1e4);
  }

  // A comparable form of a field's value (defaults filled in, as the JSON mapping omits them).
  function normalizedProcess(p, mask) {
    var v = p[mask];
    switch (mask) {
      case 'parties': return JSON.stringify((v || []).map(function (x) { return [x.displayName || '', x.nationalities || []]; }));
      case 'countries': case 'workingLanguages': case 'expertiseNeeded': return JSON.stringify(v || []);
      case 'stage': return v || 'STAGE_UNSPECIFIED';
      case 'track': return v || 'TRACK_UNSPECIFIED';
      case 'targetWomenShare': return formatShare(v);
      default: return String(v || '');
    }
  }

  // The options of an enum select, plus the record's value should the console not know it.
  function withValue(options, v) {
    if (!v || options.some(function (o) { return o[0] === v; })) return options;
    return options.concat([[v, enumLabel(v)]]);
  }

  function processForm(ctx, p, isNew, id) {
    var form = h('form', { class: 'form', novalidate: true, testid: 'process-form' });
    var fm = new FormModel(form);
    var inputs = {
      process_id: textInput({ autocapitalize: 'none', spellcheck: 'false', pattern: '[a-z0-9][a-z0-9-]{0,62}' }),
      display_name: textInput({ value: p.displayName || '' }),
      countries: textInput({ value: joinList(p.countries), autocapitalize: 'characters', spellcheck: 'false' }),
      working_languages: textInput({ value: joinList(p.workingLanguages), autocapitalize: 'none', spellcheck: 'false' }),
      expertise_needed: textInput({ value: joinList(p.expertiseNeeded), autocapitalize: 'none', spellcheck: 'false' }),
      parties: h('textarea', { rows: '5' }),
      stage: selectInput(withValue(STAGES, p.stage), p.stage || 'STAGE_UNSPECIFIED'),
      track: selectInput(withValue(TRACKS, p.track), p.track || 'TRACK_UNSPECIFIED'),
      target_women_share: h('input', { type: 'number', min: '0', max: '100', step: 'any', inputmode: 'decimal',
        class: 'short', value: formatShare(p.targetWomenShare) })
    };
    inputs.parties.value = formatParties(p.parties);
    form.appendChild(fm.errorBox);
    form.appendChild(h('fieldset', null, h('legend', null, 'Process'),
      isNew ? fm.field('process_id', 'Id', inputs.process_id, { hint: 'Optional: lower-case letters, digits and ' +
        'hyphens, e.g. sudan-2027; assigned by the server when empty.', aliases: ['id', 'name'] }) : null,
      fm.field('display_name', 'Display name', inputs.display_name, { hint: 'E.g. Sudan ceasefire talks.' }),
      fm.field('countries', 'Countries', inputs.countries,
        { hint: 'ISO country codes separated by ;, e.g. SD; SS.' }),
      fm.field('working_languages', 'Working languages', inputs.working_languages,
        { hint: 'Language codes separated by ;, e.g. ar; en.' }),
      fm.field('expertise_needed', 'Expertise needed', inputs.expertise_needed,
        { hint: 'Terms separated by ;, e.g. ceasefire-security-arrangements; gender-inclusion.' }),
      vocabularyHint('Expertise terms', EXPERTISE),
      h('div', { class: 'field-row' },
        fm.field('stage', 'Stage', inputs.stage),
        fm.field('track', 'Track', inputs.track)),
      fm.field('target_women_share', 'Women\u2019s share target (%)', inputs.target_women_share,
        { hint: 'The share of women delegations should reach. Empty: 30 %.' })));
    form.appendChild(h('fieldset', null, h('legend', null, 'Parties'),
      fm.field('parties', 'Parties, one per line', inputs.parties, { wide: true,
        hint: 'One party per line: its name, a colon, then its nationalities separated by ;, ' +
          'e.g. Sudanese Armed Forces: SD. Shortlists for the process leave these nationalities out.',
        aliases: ['parties.display_name', 'parties.nationalities'] })));
    var save = h('button', { type: 'submit', testid: 'save-process' }, isNew ? 'Create process' : 'Save changes');
    var cancel = h('a', { href: isNew ? '#/processes' : '#/processes/' + encodeURIComponent(id),
      class: 'button-like button-secondary' }, 'Cancel');
    form.appendChild(h('div', { class: 'actions' }, save, cancel));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      submitProcessForm(ctx, fm, inputs, p, isNew, id, save);
    });
    return form;
  }

  // Reads the form into a PeaceProcess; returns {resource, violations}.
  function readProcessForm(inputs) {
    var violations = [];
    var parties = parseParties(inputs.parties.value);
    if (parties.error) violations.push({ field: 'parties', description: parties.error });
    var p = {
      displayName: inputs.display_name.value.trim(),
      countries: upperList(inputs.countries.value),
      workingLanguages: splitList(inputs.working_languages.value).map(function (s) { return s.toLowerCase(); }),
      expertiseNeeded: splitList(inputs.expertise_needed.value),
      parties: parties.parties,
      stage: inputs.stage.value,
      track: inputs.track.value
    };
    var shareText = String(inputs.target_women_share.value).trim();
    if (shareText !== '') {
      var share = Number(shareText);
      if (isNaN(share) || share < 0 || share > 100) {
        violations.push({ field: 'target_women_share', description: 'Enter a percentage from 0 to 100, or leave it empty.' });
      } else {
        p.targetWomenShare = share / 100;
      }
    } else if (inputs.target_women_share.validity && inputs.target_women_share.validity.badInput) {
      violations.push({ field: 'target_women_share', description: 'Enter a percentage from 0 to 100, or leave it empty.' });
    }
    return { resource: p, violations: violations };
  }

  // A new process leaves out what is empty or not stated: the server's defaults apply.
  function omitFromNewProcess(mask, v) {
    return v === undefined || v === '' || (Array.isArray(v) && !v.length) ||
      (mask === 'stage' && v === 'STAGE_UNSPECIFIED') || (mask === 'track' && v === 'TRACK_UNSPECIFIED');
  }

  function submitProcessForm(ctx, fm, inputs, original, isNew, id, saveButton) {
    submitResourceForm(ctx, fm, saveButton, {
      isNew: isNew,
      read: function () { return readProcessForm(inputs); },
      fields: PROCESS_FIELDS,
      create: { path: '/v1/processes', idParam: 'processId', id: inputs.process_id.value.trim(),
        omit: omitFromNewProcess },
      update: { path: processPath(id), original: original, name: original.name || 'processes/' + id,
        normalized: normalizedProcess },
      savedName: function (saved, p) {
        var shown = saved || Object.assign({ name: 'processes/' + id }, p);
        return shown.displayName || lastSegment(shown.name);
      },
      route: function (saved) {
        return saved ? processHref(saved) : (id ? '#/processes/' + encodeURIComponent(id) : '#/processes');
      },
      forbiddenText: 'Your role may not ' + (isNew ? 'create' : 'change') + ' peace processes.'
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Shortlists.

  function loadProcesses() {
    return api('GET', '/v1/processes' + query({ pageSize: 1000 })).then(function (r) { return r.processes || []; });
  }

  function fillProcessSelect(select, processes, noneLabel, value) {
    clear(select);
    if (noneLabel) select.appendChild(h('option', { value: '' }, noneLabel));
    processes.forEach(function (p) { select.appendChild(h('option', { value: p.name }, processLabel(p))); });
    if (value) {
      // A process asked for by the address but not in the list (beyond its first page) is still offered.
      var known = processes.some(function (p) { return p.name === value; });
      if (!known) select.appendChild(h('option', { value: value }, lastSegment(value)));
      select.value = value;
    }
  }

  function viewShortlist(ctx) {
    startView('Request a shortlist');
    main.appendChild(h('p', null, 'Rank the mediators who meet every requirement, by the published ranking rule. ' +
      'Fields left empty are filled from the chosen process. Contact details are never shown here.'));
    var resultBox = h('section', { 'aria-labelledby': 'sl-result-h2', class: 'shortlist-result', hidden: true },
      h('h2', { id: 'sl-result-h2', tabindex: '-1' }, 'Ranked candidates'));
    var resultBody = h('div');
    resultBox.appendChild(resultBody);
    var saved = h('section', { 'aria-labelledby': 'sl-saved-h2' }, h('h2', { id: 'sl-saved-h2' }, 'Saved shortlists'));
    var savedBody = h('div', null, loadingBlock());
    saved.appendChild(savedBody);
    main.appendChild(shortlistForm(ctx, function (sl) {
      resultBox.hidden = false;
      clear(resultBody).appendChild(shortlistResult(sl));
      resultBox.querySelector('h2').focus();
      loadSavedShortlists(ctx, savedBody);
    }));
    main.appendChild(resultBox);
    main.appendChild(saved);
    loadSavedShortlists(ctx, savedBody);
  }

  function shortlistForm(ctx, onResult) {
    var form = h('form', { class: 'form', novalidate: true, testid: 'shortlist-form' });
    var fm = new FormModel(form);
    var i = {
      process: h('select', null, h('option', { value: '' }, 'None')),
      process_countries: textInput({ autocapitalize: 'characters' }),
      required_languages: textInput({ spellcheck: 'false', autocapitalize: 'none' }),
      preferred_languages: textInput({ spellcheck: 'false', autocapitalize: 'none' }),
      required_expertise: textInput({ spellcheck: 'false', autocapitalize: 'none' }),
      preferred_expertise: textInput({ spellcheck: 'false', autocapitalize: 'none' }),
      role: selectInput([['', 'Any role']].concat(ROLES.map(function (r) { return [r, r]; })), ''),
      exclude_nationalities: textInput({ autocapitalize: 'characters' }),
      window_start: h('input', { type: 'date' }),
      window_end: h('input', { type: 'date' }),
      networks: textInput({ spellcheck: 'false', autocapitalize: 'none', list: 'sl-networks' }),
      max_per_network: h('input', { type: 'number', min: '0', step: '1', value: '0', class: 'short', inputmode: 'numeric' }),
      count: h('input', { type: 'number', min: '1', max: '100', step: '1', value: '10', class: 'short', inputmode: 'numeric' }),
      w_language: h('input', { type: 'number', min: '0', step: '0.05', class: 'short', inputmode: 'decimal' }),
      w_region: h('input', { type: 'number', min: '0', step: '0.05', class: 'short', inputmode: 'decimal' }),
      w_expertise: h('input', { type: 'number', min: '0', step: '0.05', class: 'short', inputmode: 'decimal' }),
      w_experience: h('input', { type: 'number', min: '0', step: '0.05', class: 'short', inputmode: 'decimal' })
    };
    loadProcesses().then(function (ps) {
      if (ctx.alive()) fillProcessSelect(i.process, ps, 'None', processNameParam(ctx.params.process));
    }, function (err) {
      if (!ctx.alive()) return;
      // Keep the process the address asked for selectable, even when the list cannot be read.
      if (ctx.params.process) fillProcessSelect(i.process, [], 'None', processNameParam(ctx.params.process));
      fm.showErrors([], 'Cannot list the processes: ' + errorText(err));
    });
    var submit = h('button', { type: 'submit', testid: 'shortlist-submit' }, 'Request shortlist');
    form.appendChild(fm.errorBox);
    form.appendChild(h('fieldset', null, h('legend', null, 'Process'),
      fm.field('process', 'Peace process', i.process, { hint: 'Optional: fills countries, languages, expertise and ' +
        'excluded nationalities where you leave them empty.' }),
      fm.field('process_countries', 'Process countries', i.process_countries, { hint: 'Country codes, e.g. SD; SS.' })));
    form.appendChild(h('fieldset', null, h('legend', null, 'Requirements'),
      fm.field('required_languages', 'Required languages', i.required_languages,
        { hint: 'code:minimum level separated by ;, e.g. ar:C1; en:B2. A code alone accepts any level.' }),
      fm.field('required_expertise', 'Required expertise', i.required_expertise, { hint: 'Terms separated by ;.' }),
      fm.field('role', 'Role', i.role),
      fm.field('exclude_nationalities', 'Exclude nationalities', i.exclude_nationalities,
        { hint: 'Country codes, e.g. the parties\u2019 nationalities.' }),
      h('div', { class: 'field-row' },
        fm.field('window_start', 'Available from', i.window_start, { aliases: ['window.start', 'window'] }),
        fm.field('window_end', 'Available until', i.window_end, { aliases: ['window.end'] })),
      fm.field('networks', 'Only these networks', i.networks, { hint: 'Network ids separated by ;. Empty: every network.' }),
      networkDatalist('sl-networks')));
    form.appendChild(h('fieldset', null, h('legend', null, 'Preferences'),
      fm.field('preferred_languages', 'Preferred languages', i.preferred_languages, { hint: 'Language codes, e.g. ar; fr.' }),
      fm.field('preferred_expertise', 'Preferred expertise', i.preferred_expertise, { hint: 'Terms separated by ;.' }),
      vocabularyHint('Expertise terms', EXPERTISE),
      h('div', { class: 'field-row' },
        fm.field('max_per_network', 'At most per network', i.max_per_network, { hint: '0: no limit.' }),
        fm.field('count', 'Number of candidates', i.count, { hint: '1 to 100.' })),
      h('details', { class: 'weights' }, h('summary', null, 'Weights (optional)'),
        h('p', { class: 'hint' }, 'Set all four to replace the defaults 0.3, 0.3, 0.3 and 0.1.'),
        h('div', { class: 'field-row' },
          fm.field('weights_language', 'Language weight', i.w_language, { aliases: ['weights.language'] }),
          fm.field('weights_region', 'Region weight', i.w_region, { aliases: ['weights.region'] }),
          fm.field('weights_expertise', 'Expertise weight', i.w_expertise, { aliases: ['weights.expertise'] }),
          fm.field('weights_experience', 'Experience weight', i.w_experience, { aliases: ['weights.experience', 'weights'] })))));
    form.appendChild(h('div', { class: 'actions' }, submit));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var read = readShortlistForm(i);
      if (read.violations.length) {
        fm.showInvalid(read.violations);
        return;
      }
      fm.clearErrors();
      sendForm(ctx, submit, 'Ranking candidates…', api('POST', '/v1/shortlists', read.request), function (sl) {
        var n = (sl.candidates || []).length;
        setStatus('Shortlist ready: ' + n + (n === 1 ? ' candidate' : ' candidates') + ' of ' +
          Number(sl.totalMatched || 0) + ' who meet every requirement.', 'ok');
        onResult(sl);
      }, function (err) {
        fm.showApiError(err);
      });
    });
    return form;
  }

  function readShortlistForm(i) {
    var violations = [];
    var langs = parseLanguages(i.required_languages.value, 'minLevel');
    if (langs.error) violations.push({ field: 'required_languages', description: langs.error });
    var req = {
      process: i.process.value,
      processCountries: upperList(i.process_countries.value),
      requiredLanguages: langs.skills,
      preferredLanguages: splitList(i.preferred_languages.value).map(function (s) { return s.toLowerCase(); }),
      requiredExpertise: splitList(i.required_expertise.value),
      preferredExpertise: splitList(i.preferred_expertise.value),
      role: i.role.value,
      excludeNationalities: upperList(i.exclude_nationalities.value),
      networks: splitList(i.networks.value)
    };
    if (i.window_start.value || i.window_end.value) req.window = { start: i.window_start.value, end: i.window_end.value };
    ['max_per_network', 'count'].forEach(function (k) {
      var v = String(i[k].value).trim();
      if (v === '' || (k === 'max_per_network' && Number(v) === 0)) return;
      if (!/^\d+$/.test(v)) { violations.push({ field: k, description: 'Enter a whole number.' }); return; }
      req[k === 'count' ? 'count' : 'maxPerNetwork'] = Number(v);
    });
    var w = ['language', 'region', 'expertise', 'experience'];
    var given = w.filter(function (k) { return String(i['w_' + k].value).trim() !== ''; });
    if (given.length) {
      req.weights = {};
      w.forEach(function (k) {
        var v = Number(String(i['w_' + k].value).trim() || 0);
        if (isNaN(v) || v < 0) violations.push({ field: 'weights_' + k, description: 'Enter a number, 0 or more.' });
        req.weights[k] = v;
      });
    }
    Object.keys(req).forEach(function (k) {
      if (req[k] === '' || (Array.isArray(req[k]) && !req[k].length)) delete req[k];
    });
    return { request: req, violations: violations };
  }

  function shortlistResult(sl) {
    var candidates = (sl.candidates || []).map(function (c) {
      // Contact data is never shown in a shortlist, whatever the server sent.
      var m = Object.assign({}, c.mediator || {});
      delete m.contact;
      return { mediator: m, score: c.score, breakdown: c.breakdown || {}, reasons: c.reasons || [] };
    });
    var box = h('div');
    box.appendChild(h('p', { testid: 'shortlist-summary' }, candidates.length + (candidates.length === 1 ?
      ' candidate' : ' candidates') + ' of ' + Number(sl.totalMatched || 0) + ' who meet every requirement.' +
      (sl.createTime ? ' Ranked ' + dateTime(sl.createTime) + '.' : '')));
    if (sl.name) {
      box.appendChild(h('p', null, 'Stored as ', h('a', { href: '#/' + sl.name, testid: 'shortlist-link' }, sl.name),
        sl.requester ? ', requested by ' + sl.requester : '', '.'));
    }
    if (!candidates.length) {
      box.appendChild(h('p', { class: 'empty' }, 'No mediator meets every requirement.'));
      return box;
    }
    box.appendChild(dataTable({ testid: 'candidates', class: 'candidates' }, 'Candidates, best first',
      ['Rank', 'Name', 'Network', 'Score', 'Language', 'Region', 'Expertise', 'Experience', 'Reasons'],
      candidates.map(function (c, idx) {
        var b = c.breakdown;
        return h('tr', { testid: 'candidate' },
          h('td', { class: 'num' }, String(idx + 1)),
          h('th', { scope: 'row' }, h('a', { href: mediatorHref(c.mediator) }, mediatorDisplayName(c.mediator))),
          h('td', null, c.mediator.network || mediatorRef(c.mediator).network),
          h('td', { class: 'num', testid: 'candidate-score' }, scoreText(c.score)),
          h('td', { class: 'num' }, scoreText(b.language)),
          h('td', { class: 'num' }, scoreText(b.region)),
          h('td', { class: 'num' }, scoreText(b.expertise)),
          h('td', { class: 'num' }, scoreText(b.experience)),
          h('td', { class: 'reasons' }, c.reasons.length ?
            h('ul', null, c.reasons.map(function (r) { return h('li', null, r); })) : '—'));
      })));
    return box;
  }

  function shortlistId(sl) { return lastSegment(sl.name); }

  function loadSavedShortlists(ctx, body, state) {
    state = state || { items: [], token: '' };
    if (!state.items.length) clear(body).appendChild(loadingBlock());
    api('GET', '/v1/shortlists' + query({ pageSize: 50, pageToken: state.token })).then(function (r) {
      if (!ctx.alive()) return;
      state.items = state.items.concat(r.shortlists || []);
      state.token = r.nextPageToken || '';
      clear(body);
      if (!state.items.length) { body.appendChild(h('p', { class: 'empty' }, 'No shortlists yet.')); return; }
      body.appendChild(h('ul', { class: 'plain-list', testid: 'saved-shortlists' }, state.items.slice().reverse().map(function (sl) {
        var req = sl.request || {};
        return h('li', { testid: 'saved-shortlist' },
          h('a', { href: '#/shortlists/' + encodeURIComponent(shortlistId(sl)) }, shortlistId(sl)),
          ' — ', req.process ? lastSegment(req.process) + ', ' : '',
          (sl.candidates || []).length + ' candidates',
          sl.createTime ? ', ' + dateTime(sl.createTime) : '',
          sl.requester ? ', by ' + sl.requester : '');
      })));
      if (state.token) {
        body.appendChild(h('button', { type: 'button', class: 'button-secondary',
          onclick: function () { loadSavedShortlists(ctx, body, state); } }, 'Show older shortlists'));
      }
    }, function (err) {
      if (!ctx.alive()) return;
      clear(body).appendChild(h('p', { class: 'notice notice-error' }, errorText(err)));
    });
  }

  function viewStoredShortlist(ctx, id) {
    var title = 'Shortlist ' + id;
    var path = '/v1/shortlists/' + encodeURIComponent(id);
    startRecordView(ctx, title, h('h1', null, title), path, null, function (sl, body) {
      clear(body);
      body.appendChild(h('section', { 'aria-labelledby': 'sl-req' }, h('h2', { id: 'sl-req' }, 'Request'),
        shortlistRequestDetails(sl.request || {})));
      body.appendChild(h('section', { 'aria-labelledby': 'sl-cand' }, h('h2', { id: 'sl-cand' }, 'Ranked candidates'),
        shortlistResult(Object.assign({}, sl, { name: '' }))));
      body.appendChild(h('p', null, h('a', { href: '#/shortlist' }, 'Request another shortlist')));
      setStatus((sl.candidates || []).length + ' candidates in this shortlist.');
    });
  }

  function shortlistRequestDetails(r) {
    var w = r.weights;
    return h('dl', { class: 'details' },
      detail('Process', r.process),
      detail('Process countries', (r.processCountries || []).map(regionLabel).join(', ')),
      detail('Required languages', (r.requiredLanguages || []).map(function (l) {
        return languageLabel(l.code) + (l.minLevel ? ' ' + levelLabel(l.minLevel) + ' or above' : '');
      }).join(', ')),
      detail('Preferred languages', (r.preferredLanguages || []).map(languageLabel).join(', ')),
      detail('Required expertise', list(r.requiredExpertise)),
      detail('Preferred expertise', list(r.preferredExpertise)),
      detail('Role', r.role),
      detail('Excluded nationalities', (r.excludeNationalities || []).map(regionLabel).join(', ')),
      detail('Window', r.window ? (r.window.start || '…') + ' to ' + (r.window.end || '…') : ''),
      detail('At most per network', r.maxPerNetwork ? String(r.maxPerNetwork) : ''),
      detail('Networks', list(r.networks)),
      detail('Count', r.count ? String(r.count) : ''),
      detail('Weights', w ? 'language ' + scoreText(w.language) + ', region ' + scoreText(w.region) + ', expertise ' +
        scoreText(w.expertise) + ', experience ' + scoreText(w.experience) : ''));
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Balance.

  function viewBalance(ctx) {
    startView('Gender balance of delegations');
    var select = h('select', { testid: 'balance-process' }, h('option', { value: '' }, 'Choose a process…'));
    var fm = new FormModel();
    var out = h('div');
    main.appendChild(h('form', { class: 'inline-form', onsubmit: function (e) { e.preventDefault(); } },
      fm.field('balance_process', 'Peace process', select)));
    main.appendChild(out);
    select.addEventListener('change', function () {
      replaceHash('#/balance' + query({ process: lastSegment(select.value) }));
      loadBalanceProcess(ctx, out, select.value, '');
    });
    loadProcesses().then(function (ps) {
      if (!ctx.alive()) return;
      var wanted = processNameParam(ctx.params.process);
      fillProcessSelect(select, ps, ps.length ? 'Choose a process…' : 'No processes recorded', wanted);
      if (wanted && select.value === wanted) loadBalanceProcess(ctx, out, wanted, ctx.params.round || '');
      else if (!ps.length) out.appendChild(h('p', { class: 'empty' }, 'No peace processes are recorded yet.'));
    }, function (err) {
      if (ctx.alive()) clear(out).appendChild(errorBlock(err));
    });
  }

  function loadBalanceProcess(ctx, out, processName, roundId) {
    clear(out);
    if (!processName) return;
    out.appendChild(loadingBlock());
    var base = '/v1/' + processName.split('/').map(encodeURIComponent).join('/');
    api('GET', base + '/rounds' + query({ pageSize: 1000 })).then(function (r) {
      if (!ctx.alive()) return;
      var rounds = r.rounds || [];
      clear(out);
      if (!rounds.length) {
        out.appendChild(h('p', { class: 'empty', testid: 'balance-empty' }, 'This process has no rounds recorded yet.'));
        setStatus('This process has no rounds recorded yet.');
        return;
      }
      var roundSel = selectInput(rounds.map(function (x) {
        return [x.name, (x.displayName || lastSegment(x.name)) + (x.startDate ? ' (' + x.startDate + ')' : '')];
      }), rounds[rounds.length - 1].name, { testid: 'balance-round' });
      if (roundId) {
        var match = rounds.filter(function (x) { return lastSegment(x.name) === roundId; })[0];
        if (match) roundSel.value = match.name;
      }
      var fm = new FormModel();
      var tables = h('div');
      var trend = h('section', { 'aria-labelledby': 'trend-h2' }, h('h2', { id: 'trend-h2' }, 'Trend across rounds'));
      var trendBody = h('div', null, loadingBlock());
      trend.appendChild(trendBody);
      out.appendChild(h('section', { 'aria-labelledby': 'round-h2' }, h('h2', { id: 'round-h2' }, 'Balance at one round'),
        h('form', { class: 'inline-form', onsubmit: function (e) { e.preventDefault(); } },
          fm.field('balance_round', 'Round', roundSel, { hint: 'The latest round is shown first.' })),
        tables));
      out.appendChild(trend);
      roundSel.addEventListener('change', function () {
        replaceHash('#/balance' + query({ process: lastSegment(processName), round: lastSegment(roundSel.value) }));
        loadRoundBalance(ctx, tables, base, roundSel.value);
      });
      loadRoundBalance(ctx, tables, base, roundSel.value);
      api('GET', base + '/balance:trend').then(function (t) {
        if (!ctx.alive()) return;
        clear(trendBody).appendChild(trendChart(t, processName));
      }, function (err) {
        if (ctx.alive()) clear(trendBody).appendChild(errorBlock(err));
      });
    }, function (err) {
      if (ctx.alive()) clear(out).appendChild(errorBlock(err));
    });
  }

  function loadRoundBalance(ctx, tables, base, roundName) {
    clear(tables).appendChild(loadingBlock());
    api('GET', base + '/balance' + query({ round: roundName })).then(function (b) {
      if (!ctx.alive()) return;
      clear(tables);
      tables.appendChild(balanceTable(b));
      tables.appendChild(byRoleTable(b));
      var o = b.overall || {};
      setStatus('Women are ' + percent(o.womenShare) + ' of ' + Number(o.members || 0) + ' members at ' +
        (b.roundDisplayName || lastSegment(b.round)) + '; target ' + percent(o.target) + '.');
    }, function (err) {
      if (ctx.alive()) clear(tables).appendChild(errorBlock(err));
    });
  }

  function flagsText(flags) {
    return (flags || []).map(function (f) { return FLAG_LABELS[f] || enumLabel(f); }).join(', ');
  }

  function balanceRow(d, isOverall) {
    var name = isOverall ? 'Overall' : (d.displayName || lastSegment(d.delegation) || '(unnamed)');
    return h('tr', { class: isOverall ? 'overall' : null, testid: isOverall ? 'balance-overall' : 'balance-row' },
      h('th', { scope: 'row' }, name),
      h('td', null, isOverall ? '—' : enumLabel(d.kind)),
      h('td', { class: 'num' }, String(d.members || 0)),
      h('td', { class: 'num' }, String(d.women || 0)),
      h('td', { class: 'num' }, String(d.men || 0)),
      h('td', { class: 'num' }, String(d.other || 0)),
      h('td', { class: 'num' }, String(d.undisclosed || 0)),
      h('td', { class: 'num' }, percent(d.womenShare)),
      h('td', { class: 'num' }, percent(d.womenDecisionShare)),
      h('td', { class: 'num' }, percent(d.target)),
      h('td', { class: d.meetsTarget ? 'meets' : 'misses' }, d.meetsTarget ? '✓ Yes' : '✗ No'),
      h('td', { class: 'flags' }, flagsText(d.flags) || '—'));
  }

  function balanceTable(b) {
    var caption = 'Delegations at ' + (b.roundDisplayName || lastSegment(b.round)) + (b.startDate ? ' (' + b.startDate + ')' : '');
    return dataTable({ testid: 'balance-table', class: 'balance' }, caption,
      ['Delegation', 'Kind', 'Members', 'Women', 'Men', 'Other', 'Undisclosed', 'Women share',
        'Women in decision roles', 'Target', 'Meets target', 'Flags'],
      (b.delegations || []).map(function (d) { return balanceRow(d, false); }),
      balanceRow(b.overall || {}, true));
  }

  function byRoleTable(b) {
    var rows = b.byRole || [];
    var table = rows.length ? dataTable({ testid: 'balance-by-role' }, 'Women by role',
      ['Role', 'Decision-making', 'Women', 'Members', 'Women share'],
      rows.map(function (r) {
        return h('tr', null, h('th', { scope: 'row' }, enumLabel(r.role)),
          h('td', null, yesNo(DECISION_ROLES.indexOf(r.role) >= 0)),
          h('td', { class: 'num' }, String(r.women || 0)), h('td', { class: 'num' }, String(r.members || 0)),
          h('td', { class: 'num' }, percent(r.womenShare)));
      })) : h('p', { class: 'empty' }, 'No members recorded at this round.');
    return h('div', null, h('h3', null, 'By role'), table);
  }

  // An inline SVG line chart of the overall women's share per round, a dashed target line, and a table.
  function trendChart(t, processName) {
    var points = t.points || [];
    var box = h('div', { class: 'trend' });
    if (!points.length) {
      box.appendChild(h('p', { class: 'empty' }, 'No rounds yet.'));
      return box;
    }
    var target = Number(t.target || (points[0].overall || {}).target || 0.3);
    var W = 440, H = 300, L = 66, R = 14, T = 18, B = 58;
    var plotW = W - L - R, plotH = H - T - B;
    var n = points.length;
    var inset = 34; // keeps the first and last round labels inside the chart
    function x(i) { return L + (n === 1 ? plotW / 2 : inset + ((plotW - 2 * inset) * i) / (n - 1)); }
    function y(share) { return T + plotH * (1 - Math.max(0, Math.min(1, share))); }
    function roundLabel(p) { return p.roundDisplayName || lastSegment(p.round); }
    var described = points.map(function (p) {
      var s = (p.overall || {}).womenShare;
      return roundLabel(p) + ' ' + (s === undefined ? 'no members' : percent(s));
    }).join('; ');
    var titleText = 'Women\u2019s share of all delegation members per round, ' + lastSegment(processName) +
      ', against a target of ' + percent(target) + ': ' + described + '.';
    var titleId = nextId('trend-title');
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': titleId,
      'aria-label': titleText, testid: 'balance-trend-chart', class: 'chart', preserveAspectRatio: 'xMidYMid meet' },
      svg('title', { id: titleId }, titleText));
    // Grid and y axis.
    [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid', stroke: '#d0d4da' }));
      chart.appendChild(svg('text', { x: L - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, Math.round(v * 100) + '%'));
    });
    chart.appendChild(svg('text', { x: 13, y: T + plotH / 2, transform: 'rotate(-90 13 ' + (T + plotH / 2) + ')',
      'text-anchor': 'middle', class: 'axis-label' }, 'Women\u2019s share'));
    chart.appendChild(svg('line', { x1: L, x2: L, y1: T, y2: T + plotH, class: 'axis', stroke: '#333' }));
    chart.appendChild(svg('line', { x1: L, x2: W - R, y1: T + plotH, y2: T + plotH, class: 'axis', stroke: '#333' }));
    // X labels.
    var every = Math.max(1, Math.ceil(n / 5));
    points.forEach(function (p, i) {
      if (i % every !== 0 && i !== n - 1) return;
      var label = roundLabel(p);
      if (label.length > 12) label = label.slice(0, 11) + '…';
      chart.appendChild(svg('text', { x: x(i), y: T + plotH + 20, 'text-anchor': 'middle', class: 'tick' }, label));
    });
    chart.appendChild(svg('text', { x: L + plotW / 2, y: H - 12, 'text-anchor': 'middle', class: 'axis-label' }, 'Round'));
    // Target line.
    chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(target).toFixed(1), y2: y(target).toFixed(1), class: 'target',
      stroke: '#8a4b00', 'stroke-width': '2', 'stroke-dasharray': '8 6', testid: 'target-line' },
      svg('title', null, 'Target ' + percent(target))));
    chart.appendChild(svg('text', { x: W - R, y: y(target) - 6, 'text-anchor': 'end', class: 'target-label' },
      'Target ' + percent(target)));
    // The line, broken where a round has no members (an undefined share).
    var segments = [];
    var current = [];
    points.forEach(function (p, i) {
      var s = (p.overall || {}).womenShare;
      if (s === undefined || s === null) { if (current.length) segments.push(current); current = []; return; }
      current.push(x(i).toFixed(1) + ',' + y(Number(s)).toFixed(1));
    });
    if (current.length) segments.push(current);
    segments.forEach(function (seg) {
      if (seg.length > 1) chart.appendChild(svg('polyline', { points: seg.join(' '), class: 'series', fill: 'none',
        stroke: '#1d4e89', 'stroke-width': '3' }));
    });
    points.forEach(function (p, i) {
      var s = (p.overall || {}).womenShare;
      if (s === undefined || s === null) {
        chart.appendChild(svg('text', { x: x(i), y: T + plotH - 6, 'text-anchor': 'middle', class: 'tick' }, 'no data'));
        return;
      }
      chart.appendChild(svg('circle', { cx: x(i).toFixed(1), cy: y(Number(s)).toFixed(1), r: '5', class: 'point',
        fill: '#1d4e89', stroke: '#fff', 'stroke-width': '2', testid: 'trend-point' },
        svg('title', null, roundLabel(p) + ': ' + percent(s))));
    });
    box.appendChild(h('div', { class: 'chart-wrap' }, chart));
    box.appendChild(h('p', { class: 'legend' }, 'Solid line with dots: women\u2019s share of all members. ' +
      'Dashed line: the target (' + percent(target) + ').'));
    var table = dataTable({ testid: 'balance-trend-table' }, 'Women\u2019s share per round',
      ['Round', 'Start date', 'Members', 'Women', 'Women share', 'Target', 'Meets target'],
      points.map(function (p) {
        var o = p.overall || {};
        return h('tr', null, h('th', { scope: 'row' }, roundLabel(p)), h('td', null, p.startDate || ''),
          h('td', { class: 'num' }, String(o.members || 0)), h('td', { class: 'num' }, String(o.women || 0)),
          h('td', { class: 'num' }, percent(o.womenShare)), h('td', { class: 'num' }, percent(o.target || target)),
          h('td', null, yesNo(o.meetsTarget)));
      }));
    box.appendChild(h('details', { class: 'chart-data' }, h('summary', null, 'The trend as a table'), table));
    return box;
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Federation.

  function viewFederation(ctx) {
    startView('Federation');
    main.appendChild(h('p', null, 'How this server pulls the records partner networks share with it.'));
    var body = h('div', null, loadingBlock());
    var refresh = h('button', { type: 'button', class: 'button-secondary', testid: 'sync-refresh',
      onclick: function () { load(); } }, 'Refresh');
    main.appendChild(h('div', { class: 'actions' }, refresh));
    main.appendChild(body);
    function load() {
      api('GET', '/v1/sync/status').then(function (s) {
        if (!ctx.alive()) return;
        renderSyncStatus(body, s);
      }, function (err) {
        if (!ctx.alive()) return;
        clear(body).appendChild(errorBlock(err, 'Your role may not see the sync status: administrators and coordinators can.'));
      });
    }
    load();
  }

  function renderSyncStatus(body, s) {
    var peers = s.peers || [];
    clear(body);
    body.appendChild(h('section', { 'aria-labelledby': 'fed-this' }, h('h2', { id: 'fed-this' }, 'This server'),
      h('dl', { class: 'details' },
        detail('Network', s.network || '—'),
        detail('Feed position', String(s.feedHeadPosition || 0)),
        detail('Oldest position still served', String(s.feedOldestPosition || 0)))));
    var section = h('section', { 'aria-labelledby': 'fed-peers' }, h('h2', { id: 'fed-peers' }, 'Partners'));
    body.appendChild(section);
    if (!peers.length) {
      section.appendChild(h('p', { class: 'empty' }, 'No partner networks are configured.'));
      setStatus('No partner networks are configured.');
      return;
    }
    section.appendChild(dataTable({ testid: 'sync-peers' }, 'Sync status per partner network',
      ['Network', 'Address', 'Connected', 'Records held', 'Lag', 'Last contact', 'Last error', 'Snapshots',
        'Changes applied'],
      peers.map(function (p) {
        return h('tr', { testid: 'sync-peer' },
          h('th', { scope: 'row' }, p.network || ''),
          h('td', { class: 'break' }, p.address || ''),
          h('td', { class: p.connected ? 'meets' : 'misses' }, (p.connected ? '✓ Yes' : '✗ No') +
            (p.resyncing ? ' (re-synchronising)' : '')),
          h('td', { class: 'num' }, String(p.records || 0)),
          h('td', { class: 'num' }, p.lagSeconds === undefined ? '—' : duration(p.lagSeconds)),
          h('td', null, dateTime(p.lastContactTime) || 'never'),
          h('td', { class: 'break' }, p.lastError ? p.lastError + (p.lastErrorTime ? ' (' + dateTime(p.lastErrorTime) + ')' : '') : 'none'),
          h('td', { class: 'num' }, String(p.snapshots || 0)),
          h('td', { class: 'num' }, String(p.changesApplied || 0)));
      })));
    var down = peers.filter(function (p) { return !p.connected; }).length;
    setStatus(peers.length + (peers.length === 1 ? ' partner, ' : ' partners, ') + down + ' not connected.');
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Audit log.

  var auditState = { principal: '', resource: '', tokens: [''], page: 0 };

  function viewAudit(ctx) {
    startView('Audit log');
    main.appendChild(h('p', null, 'Who did what to which record, newest first.'));
    var fm = new FormModel();
    var principal = textInput({ value: auditState.principal, spellcheck: 'false', autocapitalize: 'none' });
    var resource = textInput({ value: auditState.resource, spellcheck: 'false', autocapitalize: 'none' });
    var body = h('div');
    var pager = h('div', { class: 'pager' });
    function load() {
      clear(body).appendChild(loadingBlock());
      api('GET', '/v1/auditEvents' + query({ principal: auditState.principal, resource: auditState.resource,
        pageSize: AUDIT_PAGE_SIZE, pageToken: auditState.tokens[auditState.page] })).then(function (r) {
        if (!ctx.alive()) return;
        renderAudit(body, r.auditEvents || r.events || []);
        renderPager(pager, auditState, r.nextPageToken, load);
      }, function (err) {
        if (!ctx.alive()) return;
        clear(pager);
        clear(body).appendChild(isForbidden(err) ?
          h('div', { class: 'notice notice-error', testid: 'audit-forbidden' }, h('p', null, h('strong', null, 'Not allowed: '),
            'Only administrators can read the audit log.')) : errorBlock(err));
        if (isForbidden(err)) setStatus('Only administrators can read the audit log.', 'error');
      });
    }
    main.appendChild(h('form', { class: 'inline-form', testid: 'audit-filters', onsubmit: function (e) {
      e.preventDefault();
      auditState.principal = principal.value.trim();
      auditState.resource = resource.value.trim();
      resetPaging(auditState);
      load();
    } },
      fm.field('principal', 'Principal', principal, { hint: 'Exact, e.g. a token\u2019s principal or a partner network.' }),
      fm.field('resource', 'Resource', resource, { hint: 'A name or a prefix, e.g. networks/nordic.' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', testid: 'audit-filter' }, 'Filter'))));
    main.appendChild(h('section', { 'aria-labelledby': 'audit-h2' }, h('h2', { id: 'audit-h2' }, 'Events'), body, pager));
    load();
  }

  function renderAudit(body, events) {
    clear(body);
    if (!events.length) {
      body.appendChild(h('p', { class: 'empty' }, 'No events on this page.'));
      setStatus('No audit events match.');
      return;
    }
    body.appendChild(dataTable({ testid: 'audit-events' }, 'Audit events, newest first',
      ['Time', 'Principal', 'Role', 'Method', 'Resource', 'Outcome', 'Detail'],
      events.map(function (e) {
        return h('tr', { testid: 'audit-event' },
          h('td', { class: 'nowrap' }, dateTime(e.time)),
          h('td', null, e.principal || '(unauthenticated)'),
          h('td', null, e.role || ''),
          h('td', { class: 'break' }, e.method || ''),
          h('td', { class: 'break' }, e.resource || ''),
          h('td', { class: e.outcome && e.outcome !== 'OK' ? 'misses' : null }, e.outcome || 'OK'),
          h('td', null, e.detail || ''));
      })));
    setStatus(events.length + (events.length === 1 ? ' event' : ' events') + ' on this page.');
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Sign in.

  function viewSignin(ctx) {
    startView('Sign in');
    if (token()) {
      main.appendChild(h('div', { class: 'notice' }, h('p', null, 'You are signed in with a token kept in this browser tab only. ',
        'Enter another token to replace it, or sign out.'),
        h('p', null, h('button', { type: 'button', class: 'button-secondary', onclick: signOut }, 'Sign out'))));
    }
    main.appendChild(h('p', null, 'Enter the access token your administrator gave you. It is kept for this browser tab ' +
      'only and sent with every request. A server running open on this computer needs no token.'));
    var fm = new FormModel();
    var input = h('input', { type: 'password', testid: 'token-input', autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'none', required: true });
    var submit = h('button', { type: 'submit', testid: 'signin-submit' }, 'Sign in');
    var form = h('form', { class: 'form', onsubmit: function (e) {
      e.preventDefault();
      var t = input.value.trim();
      if (!t) { fm.showErrors([{ field: 'token', description: 'Enter your access token.' }], null); return; }
      fm.clearErrors();
      var previous = token();
      setToken(t);
      sendForm(ctx, submit, 'Checking the token…', api('GET', '/v1/networks'), function () {
        input.value = '';
        flash('Signed in.', 'ok');
        go('#/search');
      }, function (err) {
        if (isUnauthenticated(err)) {
          setToken(previous);
          fm.showErrors([{ field: 'token', description: 'The server did not accept this token.' }], null);
          setStatus('The server did not accept this token.', 'error');
        } else if (isForbidden(err)) {
          input.value = '';
          flash('Signed in. Your role may not list networks, so some pages may be closed to you.', 'ok');
          go('#/search');
        } else {
          setStatus('Token kept, but it could not be checked: ' + errorText(err), 'error');
        }
      });
    } }, fm.errorBox, fm.field('token', 'Access token', input), h('div', { class: 'actions' }, submit));
    main.appendChild(form);
  }

  // ---------------------------------------------------------------------------------------------
  // Start.

  function start() {
    main = $('main');
    memoryToken = getToken();
    renderSession();
    var skip = document.querySelector('.skip-link');
    if (skip) {
      skip.addEventListener('click', function (e) {
        e.preventDefault();
        main.focus();
        main.scrollIntoView();
      });
    }
    window.addEventListener('hashchange', render);
    window.addEventListener('unhandledrejection', function (e) {
      setStatus('Something went wrong: ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason)), 'error');
    });
    if (!location.hash || location.hash === '#' || location.hash === '#/') replaceHash('#/search');
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
