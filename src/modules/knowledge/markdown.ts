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

/**
 * The opening of an article as plain text: its first paragraph of prose (not a heading, table or
 * list), cut at a sentence end near `max` characters. The bot's short answer.
 */
export function leadParagraph(body: string, max = 280): string {
  const paragraph = body.split(/\n\s*\n/).find((p) => !/^\s*(#|\||[-*]\s|\d+\.\s|>)/.test(p) && p.trim()) ?? '';
  const text = plainText(paragraph);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('. '), cut.lastIndexOf('！'), cut.lastIndexOf('？'));
  return end > max / 3 ? cut.slice(0, end + 1) : `${cut}…`;
}
