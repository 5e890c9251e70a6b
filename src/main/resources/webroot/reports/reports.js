// The reports dashboard: filters in the address (a view can be bookmarked and shared), KPI cards, and charts
// drawn with Apache ECharts on canvas, each with its data as a real table and a CSV export (UTF-8 with BOM).
// Figures come from GET /api/reports/dashboard, which limits dealer staff to their own dealer; the page also
// shows a dealer login nothing about other dealers. Every figure and name goes into the page as text
// (textContent, new Option), never as HTML; ECharts tooltips are drawn on the canvas (renderMode richText), so
// nothing needs inline styles or scripts beyond the page's Content-Security-Policy.
(function () {
  'use strict';

  var CSAT_TARGET = 0.9;
  var HANDLING_TARGET_HOURS = 72;
  var TOP_DEALERS = 20;
  var INSTALLER_MIN_RESPONSES = 5;
  var LEVELS = { '1': '一级', '2': '二级', '3': '三级' };
  var NODES = { 'post-design': '设计', 'post-measurement': '测量', 'post-installation': '安装',
    'post-repair': '维修', 'return-visit': '回访', 'complaint-closure': '客诉结案' };
  var DIMS = { category: '类别', level: '级别', channel: '渠道' };
  var FILTERS = ['dealer', 'region', 'category', 'channel'];
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  var state = { me: null, data: null, dim: 'category', seq: 0, charts: {}, panels: {} };

  function $(id) { return document.getElementById(id); }

  // ---- formatting: "—" where there is nothing to divide by, never 0
  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function pct(v) { return isNum(v) ? (v * 100).toFixed(1) + '%' : '—'; }
  function hours(v) { return isNum(v) ? v.toFixed(1) : '—'; }
  function oneDecimal(v) { return isNum(v) ? v.toFixed(1) : '—'; }
  function int(v) { return isNum(v) ? String(Math.round(v)) : '—'; }
  function grouped(v) { return isNum(v) ? Math.round(v).toLocaleString('zh-CN') : '—'; }
  function pctValue(v) { return isNum(v) ? Math.round(v * 1000) / 10 : '-'; }
  function share(part, whole) { return whole > 0 ? pct(part / whole) : '—'; }

  // ---- dates (China time: the figures' days are China days)
  function chinaToday() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
      day: '2-digit' }).format(new Date());
  }
  function addDays(day, n) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function preset(name) {
    var today = chinaToday();
    var y = today.slice(0, 4);
    var m = parseInt(today.slice(5, 7), 10);
    if (name === 'quarter') {
      var q = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: y + '-' + (q < 10 ? '0' : '') + q + '-01', to: today };
    }
    if (name === 'year') {
      return { from: y + '-01-01', to: today };
    }
    return { from: addDays(today, -(parseInt(name, 10) - 1)), to: today };
  }

  // ---- labels
  function labels() { return (state.data && state.data.labels) || {}; }
  function categoryName(code) { var c = labels().categories || {}; return c[code] || code || '未分类'; }
  function channelName(code) { var c = labels().channels || {}; return c[code] || code || '未知'; }
  function dealerName(id) {
    if (id === 'HQ') { return '总部'; }
    var d = (labels().dealers || {})[id];
    return d && d.name ? d.name : id;
  }
  function dealerRegion(id) { var d = (labels().dealers || {})[id]; return d && d.region ? d.region : ''; }
  function nodeName(id) { return NODES[id] || id; }
  function dimName(dim, key) {
    return dim === 'category' ? categoryName(key) : dim === 'level' ? (LEVELS[key] || key) : channelName(key);
  }
  function isDealerLogin() { return !!(state.me && state.me.dealer); }

  // ---- the address: filters and the grouping live in the query string
  function readQuery() {
    var q = new URLSearchParams(location.search);
    var from = q.get('from');
    var to = q.get('to');
    var range = DATE.test(from || '') && DATE.test(to || '') ? { from: from, to: to } : preset('30');
    var f = { from: range.from, to: range.to };
    FILTERS.forEach(function (k) { f[k] = q.get(k) || ''; });
    if (isDealerLogin()) { f.dealer = ''; f.region = ''; }
    var dim = q.get('dim');
    state.dim = DIMS[dim] ? dim : 'category';
    return f;
  }
  function query(f, withDim) {
    var q = new URLSearchParams();
    q.set('from', f.from);
    q.set('to', f.to);
    FILTERS.forEach(function (k) { if (f[k]) { q.set(k, f[k]); } });
    if (withDim && state.dim !== 'category') { q.set('dim', state.dim); }
    return q.toString();
  }
  function formFilters() {
    var f = { from: $('from').value, to: $('to').value };
    FILTERS.forEach(function (k) { var el = $(k); f[k] = el && el.isConnected ? el.value : ''; });
    return f;
  }
  function showFilters(f) {
    $('from').value = f.from;
    $('to').value = f.to;
    FILTERS.forEach(function (k) {
      var el = $(k);
      if (el && el.isConnected) { ensureOption(el, f[k]); el.value = f[k]; }
    });
    document.querySelectorAll('input[name=dim]').forEach(function (r) { r.checked = r.value === state.dim; });
    document.querySelectorAll('[data-preset]').forEach(function (b) {
      var p = preset(b.getAttribute('data-preset'));
      b.setAttribute('aria-pressed', String(p.from === f.from && p.to === f.to));
    });
  }
  function ensureOption(select, value) {
    if (!value) { return; }
    for (var i = 0; i < select.options.length; i++) { if (select.options[i].value === value) { return; } }
    select.add(new Option(value, value));
  }
  function fillSelect(select, entries) {
    var keep = select.value;
    while (select.options.length > 1) { select.remove(1); }
    entries.forEach(function (e) { select.add(new Option(e[1], e[0])); });
    ensureOption(select, keep);
    select.value = keep;
  }
  function fillOptions() {
    var l = labels();
    fillSelect($('category'), Object.keys(l.categories || {}).map(function (k) { return [k, l.categories[k]]; })
      .sort(function (a, b) { return a[0] === 'other' ? 1 : b[0] === 'other' ? -1 : 0; }));
    fillSelect($('channel'), Object.keys(l.channels || {}).map(function (k) { return [k, l.channels[k]]; }));
    if (!isDealerLogin()) {
      var dealers = l.dealers || {};
      var regions = {};
      var ids = Object.keys(dealers);
      ids.forEach(function (id) { if (dealers[id].region) { regions[dealers[id].region] = true; } });
      ids.sort(function (a, b) { return dealerName(a).localeCompare(dealerName(b), 'zh-CN') || a.localeCompare(b); });
      fillSelect($('dealer'), [['HQ', '总部（未分派）']].concat(ids.map(function (id) {
        return [id, dealerName(id) + '（' + id + '）'];
      })));
      fillSelect($('region'), Object.keys(regions).sort().map(function (r) { return [r, r]; }));
    }
  }

  // ---- loading
  function setStatus(text, kind) {
    var s = $('status');
    s.textContent = text;
    if (kind) { s.setAttribute('data-kind', kind); } else { s.removeAttribute('data-kind'); }
  }

  function load(f) {
    var seq = ++state.seq;
    var q = query(f, false);
    document.body.setAttribute('data-state', 'loading');
    setStatus('加载中…');
    fetch('/api/reports/dashboard?' + q, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.status === 401) {
          location.assign('/agent/login?next=' + encodeURIComponent('/reports/' + location.search));
          return null;
        }
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error((body && body.error) || ('HTTP ' + r.status)); }
          return body;
        });
      })
      .then(function (data) {
        if (!data || seq !== state.seq) { return; }
        state.data = data;
        fillOptions();
        showFilters(f);
        render();
        setStatus(f.from + ' 至 ' + f.to + scopeText(f) + ' · 更新于 ' + new Date().toLocaleTimeString('zh-CN'));
        document.body.setAttribute('data-query', q);
        document.body.setAttribute('data-state', 'ready');
      })
      .catch(function (e) {
        if (seq !== state.seq) { return; }
        setStatus('加载失败：' + e.message, 'error');
        document.body.setAttribute('data-state', 'error');
      });
  }
  function scopeText(f) {
    var parts = [];
    if (f.dealer) { parts.push(dealerName(f.dealer)); }
    if (f.region) { parts.push(f.region); }
    if (f.category) { parts.push(categoryName(f.category)); }
    if (f.channel) { parts.push(channelName(f.channel)); }
    return parts.length ? ' · ' + parts.join(' · ') : '';
  }

  // ---- KPI cards
  function kpi(name, raw, text, sub, verdict) {
    var card = document.querySelector('.kpi[data-kpi="' + name + '"]');
    var value = card.querySelector('.value');
    value.textContent = text;
    value.setAttribute('data-value', raw === null || raw === undefined ? '' : String(raw));
    if (sub !== undefined) { card.querySelector('.sub').textContent = sub; }
    if (verdict) { card.setAttribute('data-verdict', verdict); } else { card.removeAttribute('data-verdict'); }
  }
  function renderKpis(d) {
    kpi('tickets', d.tickets.total, grouped(d.tickets.total));
    kpi('firstResponse', d.sla.firstResponseOnTime, pct(d.sla.firstResponseOnTime));
    kpi('resolution', d.sla.resolutionOnTime, pct(d.sla.resolutionOnTime));
    kpi('avgHours', d.handling.averageHours, hours(d.handling.averageHours),
      '小时 · 已解决 ' + int(d.handling.resolved) + ' 单',
      isNum(d.handling.averageHours) ? (d.handling.averageHours <= HANDLING_TARGET_HOURS ? 'good' : 'bad') : '');
    kpi('p90Hours', d.handling.p90Hours, hours(d.handling.p90Hours), '小时 · 九成工单在此时长内解决');
    kpi('fcr', d.firstContactResolution, pct(d.firstContactResolution));
    kpi('recomplaint', d.recomplaintRate, pct(d.recomplaintRate));
    kpi('escalations', d.escalations.count, grouped(d.escalations.count), '占工单 ' + pct(d.escalations.rate));
    kpi('csat', d.csat, pct(d.csat), '目标 90%' + (isNum(d.csat) ? (d.csat >= CSAT_TARGET ? ' · 已达标' : ' · 未达标') : ''),
      isNum(d.csat) ? (d.csat >= CSAT_TARGET ? 'good' : 'bad') : '');
    kpi('nps', d.nps, oneDecimal(d.nps));
    kpi('responseRate', d.surveys.responseRate, pct(d.surveys.responseRate),
      '回复 ' + grouped(d.surveys.answered) + ' / 发送 ' + grouped(d.surveys.sent));
  }

  // ---- panels: each builds a table (columns, rows of display text) and an ECharts option from the figures
  function col(name, num) { return { name: name, num: !!num }; }
  function entries(obj) { return Object.keys(obj || {}).map(function (k) { return [k, obj[k]]; }); }
  function byNullsLast(get, dir) {
    return function (a, b) {
      var x = get(a);
      var y = get(b);
      if (!isNum(x) && !isNum(y)) { return 0; }
      if (!isNum(x)) { return 1; }
      if (!isNum(y)) { return -1; }
      return dir * (x - y);
    };
  }
  var BASE = {
    animationDuration: 300,
    // Twelve distinguishable colours: the categories are twelve, and a stack must not repeat one.
    color: ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc',
      '#8c564b', '#17becf', '#7f7f7f'],
    textStyle: { fontFamily: '-apple-system, "PingFang SC", "Microsoft YaHei", sans-serif' },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true, axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 }
  };
  function option(extra) {
    var o = {};
    Object.keys(BASE).forEach(function (k) { o[k] = BASE[k]; });
    Object.keys(extra).forEach(function (k) { o[k] = extra[k]; });
    return o;
  }
  function empty() {
    return { title: { text: '暂无数据', left: 'center', top: 'middle', textStyle: { color: '#888', fontSize: 14 } } };
  }
  function hbar(names, series, extra) {
    return option(Object.assign({
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      xAxis: { type: 'value' },
      series: series.map(function (x) { if (!x.barMaxWidth) { x.barMaxWidth = 28; } return x; })
    }, extra || {}));
  }

  var PANELS = {
    trend: function (d) {
      var dim = state.dim;
      var totals = dim === 'category' ? d.tickets.byCategory : dim === 'level' ? d.tickets.byLevel : d.tickets.byChannel;
      var keys = Object.keys(totals || {}).filter(function (k) { return totals[k] > 0; });
      keys.sort(function (a, b) { return totals[b] - totals[a] || (a < b ? -1 : 1); });
      var field = dim === 'category' ? 'byCategory' : dim === 'level' ? 'byLevel' : 'byChannel';
      var days = d.tickets.byDay || [];
      var rows = days.map(function (day) {
        var m = day[field] || {};
        return [day.day].concat(keys.map(function (k) { return int(m[k] || 0); }), [int(day.total)]);
      });
      return {
        caption: '每日新增工单（按' + DIMS[dim] + '）',
        columns: [col('日期')].concat(keys.map(function (k) { return col(dimName(dim, k), true); }), [col('合计', true)]),
        rows: rows,
        option: d.tickets.total === 0 ? empty() : option({
          xAxis: { type: 'category', data: days.map(function (x) { return x.day; }) },
          yAxis: { type: 'value' },
          dataZoom: days.length > 62 ? [{ type: 'inside' }] : [],
          series: keys.map(function (k) {
            return { name: dimName(dim, k), type: 'bar', stack: 'all', barMaxWidth: 28,
              data: days.map(function (x) { return (x[field] || {})[k] || 0; }) };
          })
        })
      };
    },
    mix: function (d) {
      var dim = state.dim;
      var totals = dim === 'category' ? d.tickets.byCategory : dim === 'level' ? d.tickets.byLevel : d.tickets.byChannel;
      var list = entries(totals).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
      var total = d.tickets.total;
      return {
        caption: '工单构成（按' + DIMS[dim] + '）',
        columns: [col(DIMS[dim]), col('工单数', true), col('占比', true)],
        rows: list.map(function (e) { return [dimName(dim, e[0]), int(e[1]), share(e[1], total)]; }),
        option: total === 0 ? empty() : hbar(list.map(function (e) { return dimName(dim, e[0]); }),
          [{ name: '工单数', type: 'bar', data: list.map(function (e) { return e[1]; }), label: { show: true, position: 'right' } }],
          { legend: { show: false } })
      };
    },
    regions: function (d) {
      var list = entries(d.tickets.byRegion);
      var total = d.tickets.total;
      return {
        caption: '各区域工单量（降序）',
        columns: [col('区域'), col('工单数', true), col('占比', true)],
        rows: list.map(function (e) { return [e[0] || '未知', int(e[1]), share(e[1], total)]; }),
        option: total === 0 ? empty() : hbar(list.map(function (e) { return e[0] || '未知'; }),
          [{ name: '工单数', type: 'bar', data: list.map(function (e) { return e[1]; }), label: { show: true, position: 'right' } }],
          { legend: { show: false } })
      };
    },
    dealers: function (d) {
      var list = entries(d.tickets.byDealer);
      var total = d.tickets.total;
      var top = list.slice(0, TOP_DEALERS);
      var rest = list.slice(TOP_DEALERS);
      var restSum = rest.reduce(function (s, e) { return s + e[1]; }, 0);
      var bars = top.map(function (e) { return { name: dealerName(e[0]), value: e[1], dealer: e[0] }; });
      if (rest.length) { bars.push({ name: '其他（' + rest.length + ' 家）', value: restSum }); }
      return {
        caption: '经销商工单量排名（全部 ' + list.length + ' 家）',
        columns: [col('排名', true), col('经销商'), col('编号'), col('区域'), col('工单数', true), col('占比', true)],
        rows: list.map(function (e, i) {
          return [String(i + 1), dealerName(e[0]), e[0], dealerRegion(e[0]), int(e[1]), share(e[1], total)];
        }),
        option: total === 0 ? empty() : hbar(bars.map(function (b) { return b.name; }),
          [{ name: '工单数', type: 'bar', data: bars, label: { show: true, position: 'right' } }], { legend: { show: false } })
      };
    },
    sla: function (d) {
      var list = entries(d.sla.byDealer).map(function (e) {
        var s = e[1];
        var worst = [s.firstResponseOnTime, s.resolutionOnTime].filter(isNum);
        return { id: e[0], s: s, worst: worst.length ? Math.min.apply(null, worst) : null };
      }).sort(byNullsLast(function (x) { return x.worst; }, 1));
      var top = list.filter(function (x) { return isNum(x.worst); }).slice(0, TOP_DEALERS);
      return {
        caption: '经销商 SLA 达成率（较低者升序）',
        columns: [col('经销商'), col('编号'), col('工单数', true), col('首次响应及时率', true), col('解决及时率', true)],
        rows: list.map(function (x) {
          return [dealerName(x.id), x.id, int(x.s.tickets), pct(x.s.firstResponseOnTime), pct(x.s.resolutionOnTime)];
        }),
        option: top.length === 0 ? empty() : hbar(top.map(function (x) { return dealerName(x.id); }), [
          { name: '首次响应及时率 %', type: 'bar', data: top.map(function (x) { return pctValue(x.s.firstResponseOnTime); }) },
          { name: '解决及时率 %', type: 'bar', data: top.map(function (x) { return pctValue(x.s.resolutionOnTime); }) }
        ], { xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } } })
      };
    },
    handling: function (d) {
      var h = d.handling;
      var values = [h.averageHours, h.p90Hours];
      return {
        caption: '处理时长（小时，已解决 ' + int(h.resolved) + ' 单）',
        columns: [col('指标'), col('小时', true)],
        rows: [['平均处理时长', hours(h.averageHours)], ['P90 处理时长', hours(h.p90Hours)],
          ['已解决工单', int(h.resolved)], ['一次解决率', pct(d.firstContactResolution)],
          ['复诉率', pct(d.recomplaintRate)]],
        option: !isNum(h.averageHours) ? empty() : option({
          legend: { show: false },
          xAxis: { type: 'category', data: ['平均', 'P90'] },
          yAxis: { type: 'value', name: '小时' },
          series: [{ name: '小时', type: 'bar', barMaxWidth: 60, label: { show: true, position: 'top', formatter: function (p) {
            return isNum(p.value) ? p.value.toFixed(1) : '';
          } }, data: values.map(function (v) { return isNum(v) ? Math.round(v * 10) / 10 : '-'; }),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#b42318' },
            label: { position: 'insideEndTop', formatter: '目标 72 小时' }, data: [{ yAxis: HANDLING_TARGET_HOURS }] } }]
        })
      };
    },
    funnel: function (d) {
      var f = d.funnel;
      var steps = [['问卷低分', f.lowScores], ['跟进工单', f.followUps], ['跟进已解决', f.resolved]];
      return {
        caption: '低分 → 跟进 → 解决',
        columns: [col('环节'), col('数量', true), col('占低分比例', true)],
        rows: steps.map(function (s) { return [s[0], int(s[1]), share(s[1], f.lowScores)]; }),
        option: f.lowScores + f.followUps + f.resolved === 0 ? empty() : option({
          tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
          series: [{ name: '低分跟进', type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 30, bottom: 10,
            min: 0, max: Math.max(f.lowScores, f.followUps, f.resolved, 1), gap: 2,
            label: { show: true, position: 'inside', formatter: '{b}：{c}' },
            data: steps.map(function (s) { return { name: s[0], value: s[1] }; }) }]
        })
      };
    },
    nodes: function (d) {
      var list = entries(d.surveys.byNode);
      return {
        caption: '各服务节点 CSAT 与 NPS',
        columns: [col('服务节点'), col('发送', true), col('回复', true), col('CSAT', true), col('NPS', true), col('低分', true)],
        rows: list.map(function (e) {
          var s = e[1];
          return [nodeName(e[0]), int(s.sent), int(s.responses), pct(s.csat), oneDecimal(s.nps), int(s.lowScores)];
        }),
        option: list.length === 0 ? empty() : option({
          xAxis: { type: 'category', data: list.map(function (e) { return nodeName(e[0]); }) },
          yAxis: [{ type: 'value', name: 'CSAT %', max: 100 }, { type: 'value', name: 'NPS', min: -100, max: 100 }],
          series: [
            { name: 'CSAT %', type: 'bar', barMaxWidth: 40, data: list.map(function (e) { return pctValue(e[1].csat); }),
              markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#b42318' },
                label: { position: 'insideEndTop', formatter: '目标 90%' }, data: [{ yAxis: CSAT_TARGET * 100 }] } },
            { name: 'NPS', type: 'line', yAxisIndex: 1, data: list.map(function (e) {
              return isNum(e[1].nps) ? Math.round(e[1].nps * 10) / 10 : '-'; }) }
          ]
        })
      };
    },
    responses: function (d) {
      var list = entries(d.surveys.byNode);
      var rows = list.map(function (e) {
        var s = e[1];
        return [nodeName(e[0]), int(s.sent), int(s.responses), share(s.responses, s.sent)];
      });
      rows.push(['合计', int(d.surveys.sent), int(d.surveys.answered), pct(d.surveys.responseRate)]);
      return {
        caption: '问卷回复率（按服务节点）',
        columns: [col('服务节点'), col('发送', true), col('回复', true), col('回复率', true)],
        rows: rows,
        option: list.length === 0 ? empty() : option({
          legend: { show: false },
          xAxis: { type: 'category', data: list.map(function (e) { return nodeName(e[0]); }) },
          yAxis: { type: 'value', name: '回复率 %', max: 100 },
          series: [{ name: '回复率 %', type: 'bar', barMaxWidth: 40, label: { show: true, position: 'top' },
            data: list.map(function (e) { return e[1].sent > 0 ? Math.round(1000 * e[1].responses / e[1].sent) / 10 : '-'; }) }]
        })
      };
    },
    dealerScores: function (d) {
      var list = entries(d.surveys.byDealer).sort(byNullsLast(function (e) { return e[1].csat; }, 1));
      var top = list.filter(function (e) { return isNum(e[1].csat); }).slice(0, TOP_DEALERS);
      return {
        caption: '经销商满意度（CSAT 升序）',
        columns: [col('经销商'), col('编号'), col('回复', true), col('CSAT', true), col('NPS', true), col('低分', true)],
        rows: list.map(function (e) {
          var s = e[1];
          return [dealerName(e[0]), e[0], int(s.responses), pct(s.csat), oneDecimal(s.nps), int(s.lowScores)];
        }),
        option: top.length === 0 ? empty() : hbar(top.map(function (e) { return dealerName(e[0]); }), [
          { name: 'CSAT %', type: 'bar', data: top.map(function (e) { return pctValue(e[1].csat); }),
            markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#b42318' },
              label: { formatter: '90%' }, data: [{ xAxis: CSAT_TARGET * 100 }] } },
          { name: 'NPS', type: 'bar', data: top.map(function (e) { return isNum(e[1].nps) ? Math.round(e[1].nps * 10) / 10 : '-'; }) }
        ], { xAxis: { type: 'value', min: -100, max: 100 } })
      };
    },
    installers: function (d) {
      var list = entries(d.surveys.byInstaller).sort(byNullsLast(function (e) { return e[1].csat; }, -1));
      var ranked = list.filter(function (e) { return isNum(e[1].csat) && e[1].responses >= INSTALLER_MIN_RESPONSES; });
      var best = ranked.slice(0, 10);
      var worst = ranked.slice(Math.max(best.length, ranked.length - 10)).reverse();
      var shown = best.concat(worst);
      return {
        caption: '安装师傅满意度（CSAT 降序）',
        columns: [col('安装师傅'), col('经销商'), col('回复', true), col('CSAT', true), col('NPS', true), col('低分', true)],
        rows: list.map(function (e) {
          var s = e[1];
          return [installerName(e[0]), installerDealer(e[0]), int(s.responses), pct(s.csat), oneDecimal(s.nps), int(s.lowScores)];
        }),
        option: shown.length === 0 ? empty() : hbar(shown.map(function (e, i) {
          return (i < best.length ? '高 ' : '低 ') + installerName(e[0]);
        }), [{ name: 'CSAT %', type: 'bar', barMaxWidth: 28, data: shown.map(function (e, i) {
          return { value: pctValue(e[1].csat), itemStyle: { color: i < best.length ? '#1a7f37' : '#b42318' } };
        }), label: { show: true, position: 'right', formatter: '{c}%' } }],
        { legend: { show: false }, xAxis: { type: 'value', max: 100 } })
      };
    }
  };

  // Installers are named "<dealer id>-<name>": the name, and the dealer's name beside it.
  function installerParts(key) {
    var dash = key.indexOf('-');
    var id = dash > 0 ? key.slice(0, dash) : '';
    return (labels().dealers || {})[id] ? { dealer: id, name: key.slice(dash + 1) } : { dealer: '', name: key };
  }
  function installerName(key) { return installerParts(key).name; }
  function installerDealer(key) { var id = installerParts(key).dealer; return id ? dealerName(id) : ''; }

  function render() {
    var d = state.data;
    if (isDealerLogin()) {
      // The dealer's own name, now that the labels are in.
      $('scope').textContent = dealerName(state.me.dealer) + '（' + state.me.dealer + '）';
    }
    renderKpis(d);
    Object.keys(state.panels).forEach(function (id) { renderPanel(id); });
  }

  function renderPanel(id) {
    var panel = state.panels[id];
    var built = PANELS[id](state.data);
    panel.built = built;
    renderTable(panel, built);
    var chart = state.charts[id];
    if (chart) { chart.setOption(built.option, true); }
  }

  function renderTable(panel, built) {
    var table = document.createElement('table');
    var caption = table.createCaption();
    caption.textContent = built.caption;
    var head = table.createTHead().insertRow();
    built.columns.forEach(function (c) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c.name;
      if (c.num) { th.className = 'num'; }
      head.appendChild(th);
    });
    var body = table.createTBody();
    built.rows.forEach(function (r) {
      var tr = body.insertRow();
      r.forEach(function (cell, i) {
        var el = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) { el.scope = 'row'; }
        el.textContent = cell;
        if (built.columns[i] && built.columns[i].num) { el.className = 'num'; }
        tr.appendChild(el);
      });
    });
    if (built.rows.length === 0) {
      var tr = body.insertRow();
      var td = document.createElement('td');
      td.colSpan = built.columns.length;
      td.textContent = '暂无数据';
      tr.appendChild(td);
    }
    panel.tableWrap.replaceChildren(table);
  }

  // ---- CSV: what the table shows, UTF-8 with a BOM (so Excel opens Chinese correctly)
  function csvCell(value) {
    var s = String(value);
    // A spreadsheet runs a cell that starts like a formula: names are data, never formulas.
    if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d/.test(s)) { s = '\'' + s; }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv(built) {
    var lines = [built.columns.map(function (c) { return csvCell(c.name); }).join(',')];
    built.rows.forEach(function (r) { lines.push(r.map(csvCell).join(',')); });
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
  function download(id) {
    var panel = state.panels[id];
    if (!panel.built || !state.data) { return; }
    var title = panel.el.querySelector('h2').textContent.replace(/[\\/:*?"<>|（）() ]+/g, '');
    var name = title + '_' + state.data.from + '_' + state.data.to + '.csv';
    var url = URL.createObjectURL(new Blob([csv(panel.built)], { type: 'text/csv;charset=utf-8' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 2000);
  }

  // ---- setup
  function setupPanels() {
    document.querySelectorAll('.panel').forEach(function (el) {
      var id = el.getAttribute('data-panel');
      var chartEl = el.querySelector('.chart');
      var panel = { el: el, chartEl: chartEl, tableWrap: el.querySelector('.table-wrap'), built: null };
      state.panels[id] = panel;
      var chart = echarts.init(chartEl, null, { renderer: 'canvas' });
      state.charts[id] = chart;
      if (window.ResizeObserver) {
        new ResizeObserver(function () { chart.resize(); }).observe(chartEl);
      }
      var toggle = el.querySelector('.toggle-table');
      toggle.addEventListener('click', function () {
        var showTable = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(showTable));
        toggle.textContent = showTable ? '查看图表' : '查看表格';
        panel.tableWrap.hidden = !showTable;
        chartEl.hidden = showTable;
        if (!showTable) { chart.resize(); }
      });
      el.querySelector('.export-csv').addEventListener('click', function () { download(id); });
    });
    state.charts.dealers && state.charts.dealers.on('click', function (p) {
      if (p.data && p.data.dealer && !isDealerLogin()) {
        var f = formFilters();
        f.dealer = p.data.dealer;
        go(f);
      }
    });
    window.addEventListener('resize', function () {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); });
    });
  }

  function go(f) {
    if (!DATE.test(f.from) || !DATE.test(f.to)) { setStatus('请选择开始和结束日期', 'error'); return; }
    if (f.to < f.from) { setStatus('结束日期早于开始日期', 'error'); return; }
    history.pushState(null, '', '/reports/?' + query(f, true));
    showFilters(f);
    load(f);
  }

  function setupFilters() {
    $('filters').addEventListener('submit', function (e) {
      e.preventDefault();
      go(formFilters());
    });
    document.querySelectorAll('[data-preset]').forEach(function (b) {
      b.addEventListener('click', function () {
        var f = formFilters();
        var p = preset(b.getAttribute('data-preset'));
        f.from = p.from;
        f.to = p.to;
        go(f);
      });
    });
    ['dealer', 'region', 'category', 'channel'].forEach(function (k) {
      var el = $(k);
      if (el && el.isConnected) { el.addEventListener('change', function () { go(formFilters()); }); }
    });
    document.querySelectorAll('input[name=dim]').forEach(function (r) {
      r.addEventListener('change', function () {
        if (!r.checked) { return; }
        state.dim = r.value;
        history.replaceState(null, '', '/reports/?' + query(readCurrent(), true));
        if (state.data) { renderPanel('trend'); renderPanel('mix'); }
      });
    });
    window.addEventListener('popstate', function () {
      var f = readQuery();
      showFilters(f);
      load(f);
    });
  }
  function readCurrent() {
    var q = new URLSearchParams(location.search);
    var f = { from: q.get('from') || $('from').value, to: q.get('to') || $('to').value };
    FILTERS.forEach(function (k) { f[k] = q.get(k) || ''; });
    return f;
  }

  function start() {
    fetch('/api/agent/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.status === 401) {
          location.assign('/agent/login?next=' + encodeURIComponent('/reports/' + location.search));
          return null;
        }
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (me) {
        if (!me) { return; }
        state.me = me;
        $('csrf').value = me.csrf || '';
        $('me').textContent = (me.displayName || me.username) + (me.role === 'supervisor' ? '（主管）'
          : me.role === 'dealer' ? '（经销商）' : '（客服）');
        if (isDealerLogin()) {
          // Dealer staff see their own dealer only: no dealer or region choice, no comparison between dealers.
          document.querySelectorAll('.hq-only').forEach(function (el) { el.remove(); });
          $('scope').textContent = '本经销商';
        } else {
          $('scope').textContent = '总部 · 全部经销商';
        }
        setupPanels();
        setupFilters();
        var f = readQuery();
        history.replaceState(null, '', '/reports/?' + query(f, true));
        showFilters(f);
        load(f);
      })
      .catch(function (e) {
        setStatus('加载失败：' + e.message, 'error');
        document.body.setAttribute('data-state', 'error');
      });
  }

  start();
}());
