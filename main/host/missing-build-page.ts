/** What the host serves when the renderer was never built: how to build it, not a bare 404. */
export function missingBuildPage(rendererDir: string): string {
  const escaped = rendererDir.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CIDX Tray: renderer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>CIDX Tray is running, but its window has not been built yet</h1>
<p>The browser-mode host found no built renderer in <code>${escaped}</code>.</p>
<p>Stop the host (Ctrl+C), run <code>npm run build</code>, then start it again with
<code>npm run web</code> (or <code>npm run demo:web</code>) and open the new address it prints.</p>
</body>
</html>
`;
}
