import { runTraceTamperAttacks } from './tamper-attacks';

describe('DecisionTrace tampering in the database is caught by the core', () => {
  it('flags edit, edit-and-rehash, a rebuilt tree, truncate, reorder, insert and fork', async () => {
    const report = await runTraceTamperAttacks();
    const byName = Object.fromEntries(report.outcomes.map((o) => [o.attack, o]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'edit',
        'edit-and-rehash',
        'edit-rehash-and-rebuild-tree',
        'fork',
        'insert',
        'reorder',
        'truncate',
      ].sort(),
    );
    for (const outcome of report.outcomes) expect(outcome).toMatchObject({ flagged: true });
    expect(report.flagged).toBe(report.attacks);
    // How each was caught: the weak edit by the chain, the re-hash by inclusion, the rest by
    // comparing with the remembered checkpoint.
    expect(byName.edit!.finding).toMatch(/hash chain broken|not in the signed tree/);
    expect(byName['edit-and-rehash']!.finding).toMatch(/not in the signed tree/);
    expect(byName.truncate!.finding).toMatch(/rolled back/);
    for (const name of ['edit-rehash-and-rebuild-tree', 'reorder', 'insert', 'fork']) {
      expect(byName[name]!.finding).toMatch(/forked|different roots|not a prefix/);
    }
  }, 120_000);
});
