// The explanation page's first paint: its headline, before the page's modules (engine, preact) have loaded and run.
// The worker puts the headline it diagnosed into the address (`h`); this classic script, parsed in the page's body,
// draws the same header the page renders (same elements and classes, so preact takes the nodes over and nothing
// moves). Text only: every value goes through textContent.
(function () {
  var params = new URLSearchParams(location.search);
  var headline = (params.get('h') || '').slice(0, 500);
  var app = document.getElementById('app');
  if (!headline || !app || app.firstChild) return;
  var api = (typeof browser === 'object' && browser) || (typeof chrome === 'object' && chrome) || null;
  var say = function (key, subs) {
    return (api && api.i18n && api.i18n.getMessage(key, subs)) || '';
  };
  var where = URL.canParse(params.get('url') || '') ? new URL(params.get('url')).host : '';
  var lang = say('lang');
  if (lang) document.documentElement.lang = lang;
  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    children.forEach(function (child) {
      node.append(child);
    });
    return node;
  };
  var brand = where ? say('explain_brand', [where]) : say('explain_brand_no_host');
  app.append(
    el('main', { 'data-ready': 'false', 'aria-busy': 'true' }, [
      el('header', {}, [
        el('p', { class: 'muted small brand' }, [
          el('img', { src: '/icons/icon-32.png', alt: '', width: '16', height: '16' }, []),
          el('span', {}, [brand]),
        ]),
        el('h1', {}, [headline]),
      ]),
    ]),
  );
})();
