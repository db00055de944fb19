/* global document, location, URLSearchParams */
// One line of words from the page's address, written by a module script: what any page showing words of its own
// failure must do at least (an extension page may run no inline script).
const h1 = document.createElement('h1');
h1.textContent = new URLSearchParams(location.search).get('h') ?? '';
document.body.append(h1);
