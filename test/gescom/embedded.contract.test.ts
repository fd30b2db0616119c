import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { loadCompany } from '../../src/gescom/embedded/load-company.js';
import { gescomContract } from './contract.js';

gescomContract('embedded SQLite', async (seed, now) => {
  const g = EmbeddedGesCom.open(':memory:', { create: true, now });
  await loadCompany(g, seed);
  return g;
});
