import {createServer} from "node:http";
import sirv from "sirv";
import {chromium} from "playwright-core";
const serve = sirv("/work/main/dist", {extensions: ["html"], dev: true, etag: false});
const server = createServer((req, res) => {
  if (req.url!.includes(".wasm")) {
    const t = Date.now(); let bytes = 0;
    const w = res.write.bind(res); (res as any).write = (c: any, ...a: any[]) => { bytes += c.length; return w(c, ...a); };
    res.on("finish", () => console.log(`  server: finished ${req.url!.split("/").pop()} ${bytes} bytes in ${Date.now() - t}ms`));
    res.on("close", () => console.log(`  server: close ${req.url!.split("/").pop()} finished=${res.writableFinished} ${bytes} bytes`));
  }
  serve(req, res, () => { res.statusCode = 404; res.end(); });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${(server.address() as any).port}`;
const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
for (let i = 0; i < Number(process.argv[2] ?? 8); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  const log: string[] = [];
  page.on("request", (r) => { if (/duckdb|\.arrow/.test(r.url())) log.push(`${Date.now() - t0}ms req ${r.url().split("/").pop()} ${r.resourceType()}`); });
  page.on("requestfinished", (r) => { if (/duckdb|\.arrow/.test(r.url())) log.push(`${Date.now() - t0}ms done ${r.url().split("/").pop()}`); });
  page.on("requestfailed", (r) => log.push(`${Date.now() - t0}ms FAILED ${r.url().split("/").pop()} ${r.failure()?.errorText}`));
  page.on("response", async (r) => { if (/\.wasm/.test(r.url())) log.push(`${Date.now() - t0}ms resp ${r.url().split("/").pop()} ${r.status()} ${r.headers()["content-type"]}`); });
  await page.goto(origin + "/explore?study=bendayan-2024", {waitUntil: "networkidle"});
  await page.waitForFunction(() => (document.querySelector(".explore-result") as HTMLElement | null)?.dataset.state, null, {timeout: 20000}).catch(() => log.push("no result"));
  const failed = log.some((l) => l.includes("FAILED"));
  console.log(`run ${i}: ${failed ? "FAILED" : "ok"} ${Date.now() - t0}ms`);
  if (failed || i === 0) console.log("  " + log.join("\n  "));
  await context.close();
}
await browser.close(); server.close();
