// The buttons of embed.html: highlight() and clear() on the page's own article.
import { highlight, clear } from './article-analyzer.js';

const story = document.getElementById('story');
const status = document.getElementById('embed-status');

document.getElementById('do-highlight').addEventListener('click', async () => {
  status.textContent = 'Analysing…';
  const { marks } = await highlight(story, { layers: ['person', 'org', 'place', 'quote', 'source'] });
  status.textContent = `${marks} highlights added.`;
  document.body.dataset.highlighted = 'yes';
});
document.getElementById('do-clear').addEventListener('click', () => {
  clear(story);
  status.textContent = 'Restored the original article.';
  document.body.dataset.highlighted = 'no';
});
