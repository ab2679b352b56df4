/**
 * The page around the gate report: one self-contained HTML document (inline CSS, inline SVG, no
 * script, no font, no image from anywhere), with a Content-Security-Policy that forbids every
 * request, so the file can travel as a CI artifact or an e-mail attachment and open offline. Two
 * themes: a standalone one (light, dark with the system) and VS Code's colours in the webview.
 */

/** Where the report is shown. */
export type ReportTheme = 'standalone' | 'vscode';

/** Escapes text for HTML element content and attribute values. */
export function esc(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** No request may leave the page: styles are inline, images (if any) data URIs, scripts none. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { --bg:#ffffff; --fg:#1f2328; --muted:#57606a; --border:#d0d7de; --panel:#f6f8fa; --pass:#1a7f37; --fail:#cf222e; --error:#9a6700; --link:#0969da;
  color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --border:#3d444d; --panel:#161b22; --pass:#3fb950; --fail:#f85149; --error:#d29922; --link:#4493f8; } }
body.vscode { --bg:var(--vscode-editor-background); --fg:var(--vscode-editor-foreground); --muted:var(--vscode-descriptionForeground);
  --border:var(--vscode-panel-border, var(--vscode-widget-border, #8884)); --panel:var(--vscode-textBlockQuote-background, var(--vscode-editorWidget-background));
  --pass:var(--vscode-testing-iconPassed); --fail:var(--vscode-testing-iconFailed); --error:var(--vscode-testing-iconErrored, var(--vscode-editorWarning-foreground));
  --link:var(--vscode-textLink-foreground); font-family:var(--vscode-font-family); font-size:var(--vscode-font-size); }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; }
main, header, footer { max-width:1000px; margin:0 auto; padding:0 20px; }
header { padding-top:20px; }
h1 { font-size:1.5em; margin:0 0 4px; }
h2 { font-size:1.2em; margin:0 0 6px; }
h3 { font-size:1em; margin:12px 0 4px; }
a { color:var(--link); }
code { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:0.9em; }
.meta, .muted { color:var(--muted); }
.verdict { border:2px solid var(--border); border-radius:8px; padding:12px 16px; margin:16px 0; background:var(--panel); }
.verdict.pass { border-color:var(--pass); } .verdict.blocked { border-color:var(--fail); } .verdict.stale, .verdict.none { border-color:var(--error); }
.gates-nav ul { list-style:none; padding:0; margin:0; display:flex; flex-wrap:wrap; gap:8px; }
.gates-nav a { display:inline-block; padding:2px 10px; border:1px solid var(--border); border-radius:12px; text-decoration:none; color:var(--fg); }
.mark { display:inline-block; width:1.2em; text-align:center; font-weight:bold; }
.mark.s-pass { color:var(--pass); } .mark.s-fail { color:var(--fail); } .mark.s-error { color:var(--error); }
.badge { display:inline-block; padding:0 8px; border:1px solid var(--border); border-radius:10px; font-size:0.85em; font-weight:600; letter-spacing:0.03em; }
.badge.s-pass { border-color:var(--pass); } .badge.s-fail { border-color:var(--fail); border-width:2px; } .badge.s-error { border-color:var(--error); border-width:2px; border-style:dashed; }
section.gate { border-top:1px solid var(--border); padding:16px 0 8px; margin-top:16px; }
.charts { display:flex; flex-direction:column; gap:18px; margin:12px 0; }
figure.chart { margin:0; padding:10px 12px; border:1px solid var(--border); border-radius:6px; color:var(--fg); overflow-x:auto; }
figure.chart svg { max-width:100%; height:auto; display:block; }
figcaption { font-size:0.9em; margin-top:6px; }
table { border-collapse:collapse; width:100%; margin:8px 0; font-size:0.92em; }
caption { text-align:left; color:var(--muted); padding-bottom:4px; }
th, td { text-align:left; vertical-align:top; padding:4px 8px; border-bottom:1px solid var(--border); }
th { font-weight:600; }
td.n { text-align:right; white-space:nowrap; }
td .why { color:var(--muted); margin-top:2px; }
ul.blockers { margin:6px 0 0; padding-left:20px; }
footer { padding:16px 20px 32px; color:var(--muted); font-size:0.85em; }
`;

/** The whole document around a body. */
export function htmlPage(title: string, body: string, theme: ReportTheme): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body class="${theme}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
