import MarkdownIt from 'markdown-it';

// Raw HTML is off: article bodies are written by staff but rendered on public pages, so nothing
// in them may become markup we did not produce. markdown-it also refuses javascript: links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

export function renderMarkdown(body: string): string {
  return md.render(body);
}

/** The words of a Markdown body without its markup, for indexing and snippets. */
export function plainText(body: string): string {
  return md
    .render(body)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
