import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Area, Group, Programme, Resource } from '../../src/domain';
import { cooperations } from '../../src/ui/resources/cooperation';
import { axeViolations } from './support/axe';
import { plCount } from './support/polish';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 14 item 4 in Debian's Chromium on the embedded default: "Zasoby → Współpraca" lists who works together
 * (the local partnership, the coalitions), on which needs and where, with the chosen one's members on the map; a
 * programme's partners from the inventory appear on the programme's map.
 */

const app = useBuiltApp();

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo', `${name}.json`), 'utf8')) as unknown[];

describe('partnerships, coalitions and programme partners', () => {
  it('the planner sees who works together, on what and where, and a programme\'s partners on its map', { timeout: 120_000 }, async () => {
    const demo = { resources: read('resources').map((r) => Resource.parse(r)), groups: read('groups').map((g) => Group.parse(g)), areas: read('areas').map((a) => Area.parse(a)) };
    const expected = cooperations(demo);
    expect(expected.some((c) => c.kind === 'coalition')).toBe(true); // the demo town has a coalition
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(app.server.origin + '/#zasoby');
    await page.getByRole('radio', { name: 'Współpraca' }).check({ timeout: 30_000 });
    const list = page.locator('[data-testid="cooperation-list"]');
    await list.waitFor();
    expect(await page.locator('.cooperation-title').innerText()).toBe(`Partnerstwa i koalicje: ${expected.length}`);
    expect(await list.locator('.cooperation-name').allInnerTexts()).toEqual(expected.map((c) => c.name));
    const first = expected[0]!;
    const firstItem = list.locator('li.cooperation').first();
    expect(await firstItem.locator('.cooperation-facts').innerText()).toBe(
      `partnerstwo lokalne · instytucje: ${first.members.length}${first.groups.length ? ` · grupy spotykające się u nich: ${first.groups.length}` : ''}`,
    );
    expect(await firstItem.locator('.cooperation-where').innerText()).toBe(`Gdzie: ${first.estates.join(', ')}`);
    expect(await firstItem.locator('.tag').count()).toBe(first.needs.length);
    // Everyone who works in any of them is on the map.
    const onMap = () => page.locator('.view-map .visually-hidden[aria-live]').innerText();
    const everyone = new Set(expected.flatMap((c) => [...c.members.map((m) => m.id), ...c.groups.map((g) => g.id)]));
    await expect.poll(onMap).toBe(`Na mapie: ${plCount(everyone.size, 'punkt', 'punkty', 'punktów')} z tabeli.`);

    // One coalition chosen: its members and hosted groups, listed and alone on the map.
    const coalition = expected.find((c) => c.kind === 'coalition')!;
    await list.getByRole('button', { name: coalition.name }).click();
    const chosen = list.locator('li.cooperation.is-selected');
    expect(await chosen.locator('.cooperation-members li').count()).toBe(coalition.members.length + coalition.groups.length);
    expect(await chosen.locator('.cooperation-members').innerText()).toContain(coalition.members[0]!.name);
    await expect.poll(onMap).toBe(`Na mapie: ${plCount(coalition.members.length + coalition.groups.length, 'punkt', 'punkty', 'punktów')} z tabeli.`);
    await page.locator('.view-map-canvas').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'cooperation-coalition.png') });
    expect(await axeViolations(page)).toEqual([]);

    // A programme's partners on its map.
    const programme = Programme.parse(read('programmes')[0]);
    await page.goto(app.server.origin + '/#programy');
    const item = page.locator(`[data-testid="programmes-list"] li[data-id="${programme.id}"]`);
    await item.getByRole('button', { name: 'Pokaż na mapie i porównaj fale' }).click({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid="programme-partners-legend"]').innerText()).toBe(`Partnerzy programu z inwentarza zasobów: ${programme.partnerIds.length}`);
    // The map flies to the programme: once at rest, its partners are drawn at their institutions.
    const drawnPartners = () =>
      page.evaluate(() => {
        const map = window.__calmapViews!.programmes!.map;
        return { moving: map.isMoving(), ids: [...new Set(map.queryRenderedFeatures({ layers: ['programme-partners-circle'] }).map((f) => String(f.properties.id)))].sort() };
      });
    await expect.poll(async () => {
      const now = await drawnPartners();
      return !now.moving && now.ids.length > 0;
    }, { timeout: 20_000 }).toBe(true);
    const drawn = (await drawnPartners()).ids;
    // Every partner drawn is one of the programme's (some may lie outside the view the map flew to).
    expect(drawn.every((id) => programme.partnerIds.includes(id))).toBe(true);
    console.log(`programme ${programme.id}: ${drawn.length} of ${programme.partnerIds.length} partners in view`);
    await page.screenshot({ path: join(ARTIFACTS, 'programme-partners.png') });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    expect(errors).toEqual([]);
  });
});
