import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession } from '../../src/analysis/exploreSession';
import { NeedMapQuery, RankingQuery, UnitChoice } from '../../src/domain/analysisRequest';
import { NEED_CATEGORY_IDS, Workspace } from '../../src/domain';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * The printable "Mapa zasobów i potrzeb" (#raport) printed to PDF by Chromium; its text (pdftotext) holds the
 * title, town, wave dates, the response rates of ul. Obieżowa and Osiedle Górnicze and the top-ranked area as the
 * engine computes them here in Node over the same demo files.
 */
const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DEMO = join(REPO_ROOT, 'data/demo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));

let server: StaticServer;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dist = await buildApp();
  server = await startStaticServer(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

async function axeSeriousOrCritical(page: Page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  if (violations.length) console.log('axe violations:', JSON.stringify(violations, null, 2));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const pl1 = (share: number) => `${new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100)} %`;
const plDate = (iso: string) => new Intl.DateTimeFormat('pl-PL', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
/** pdftotext writes the non-breaking spaces of "19,8 %" and "21 390" as spaces; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the printed report (#raport)', () => {
  it('prints to an A4 PDF whose text holds the title, dates, response rates and top area as the engine computes them', async () => {
    const workspace = Workspace.parse({
      v: 1,
      organisation: read('organisation'),
      ...Object.fromEntries(['areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'].map((n) => [n, read(n)])),
    });
    const session = createExploreSession(workspace);
    const latest = [...workspace.campaigns].sort((a, b) => a.wave - b.wave).at(-1)!;
    const rate = (kind: 'street' | 'estate', unitId: string) => {
      const unit = UnitChoice.parse({ kind });
      const map = session.needMap(NeedMapQuery.parse({ unit, campaignId: latest.id, selection: { kind: 'need', needId: 'unemployment' } }));
      if (!map.ok) throw new Error(map.message);
      return map.value.responseRate[session.layer(unit).unitIds.indexOf(unitId)]!;
    };
    const obiezowa = rate('street', 'street-obiezowa');
    const gornicze = rate('estate', 'estate-gornicze');
    const ranking = session.ranking(RankingQuery.parse({ campaignId: latest.id, weights: Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1])), candidates: ['estate', 'cluster'], limit: 6 }));
    if (!ranking.ok) throw new Error(ranking.message);
    const top = ranking.value.targets[0]!;
    // The report names an estate by its name and a problem cluster by its number among the clusters ranked
    // (the first cluster is "nr 1"); either way the name the engine's top target gets must be on paper.
    const topName = top.kind === 'cluster' ? `Skupisko problemów nr ${ranking.value.targets.filter((t) => t.kind === 'cluster').indexOf(top) + 1}` : top.label!;
    console.log(`engine, ${latest.id}: ul. Obieżowa ${pl1(obiezowa)}, Osiedle Górnicze ${pl1(gornicze)}, top area ${top.kind} ${topName}`);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/#raport`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__calmapReport?.ready === true, undefined, { timeout: 60_000, polling: 50 });
    await page.evaluate(() => document.fonts.ready);

    // On screen: the same numbers.
    const report = page.locator('[data-testid="report"]');
    expect(plain(await report.locator('[data-testid="report-streets"] tr[data-id="street-obiezowa"]').innerText())).toContain(plain(pl1(obiezowa)));
    expect(plain(await report.locator('[data-testid="report-estates"] tr[data-id="estate-gornicze"]').innerText())).toContain(plain(pl1(gornicze)));
    expect(await report.locator('[data-testid="report-targets"] tbody tr').first().getAttribute('data-id')).toBe(top.id);
    // The residents' section (its own worker calls) is in before the report says it is ready: one row per estate,
    // leader candidates as a count (or "—" where the estate is hidden), never a name.
    const zasoby = report.locator('[data-testid="report-zasoby"]');
    expect(await zasoby.getAttribute('data-ready')).toBe('true');
    expect(await zasoby.locator('tbody tr').count()).toBe(15);
    for (const cell of await zasoby.locator('[data-testid="report-zasoby-leaders"]').allInnerTexts()) expect(cell).toMatch(/^(\d+|—)$/);
    await page.screenshot({ path: join(ARTIFACTS, 'report-screen.png'), fullPage: false });
    expect(await axeSeriousOrCritical(page)).toEqual([]);

    const pdfPath = join(ARTIFACTS, 'report.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const text = plain(execFileSync('/usr/bin/pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }));
    const pages = (text.match(/\f/g) ?? []).length;
    console.log(`report.pdf: ${pages} pages`);
    // Every page carries its number and the count at its foot: "1 / 6" … "6 / 6" (pdftotext may drop the spaces).
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    expect(pageTexts.length).toBeGreaterThan(1);
    pageTexts.forEach((p, i) => expect(p, `page ${i + 1}`).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pageTexts.length}\\s*$`)));
    expect(text).toContain('Mapa zasobów i potrzeb — Dębowo');
    for (const c of workspace.campaigns) {
      expect(text).toContain(plain(plDate(c.startDate)));
      expect(text).toContain(plain(plDate(c.endDate)));
    }
    const line = (needle: string) => text.split('\n').find((l) => l.includes(needle)) ?? '';
    expect(line('ul. Obieżowa')).toContain(plain(pl1(obiezowa)));
    expect(line('Osiedle Górnicze ')).toContain(plain(pl1(gornicze)));
    // Reading order (not -layout, whose table columns wrap a long name across lines).
    const flowing = plain(execFileSync('/usr/bin/pdftotext', [pdfPath, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
    expect(flowing).toContain(topName);
    expect(flowing).toContain('z mniej niż 5 odpowiedziami gospodarstw');
    // Counts with their words' plural forms (243 ulice, 8112 adresów), never a message's raw plural block.
    expect(flowing).toMatch(/15 osiedli, 243 ulice, 8\s?112 adresów, 21\s?390 gospodarstw domowych\./);
    expect(flowing).not.toMatch(/\{\w+, plural,/);
    // Sections are numbered in the order they are printed: 1, 2, 3, … with no gap or swap.
    const numbered = [...flowing.matchAll(/(?:^| )([1-9])\. (Obszar i badanie|Metoda i zwrot ankiet|Mapa:|Ranking problemów|Rekomendowane obszary działania|Zasoby mieszkańców|Zasoby i grupy|Źródła danych i zasady)/g)].map((m) => Number(m[1]));
    expect(numbered).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(text).not.toContain('Drukuj'); // no app chrome on paper
    expect(text).not.toContain('Ankiety\n'); // no header tabs

    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, join(ARTIFACTS, 'report-page')]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
