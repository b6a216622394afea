import express, { Router, type Request } from 'express';
import { parseId } from '../../auth/access';
import {
  MAX_OFFERS_PER_IMPORT,
  OfferCsvQuerySchema,
  OfferSearchSchema,
  parseOfferImport,
} from '../../contracts/offers';
import { parseBody } from '../../contracts/parse';
import { UnsupportedMediaTypeError } from '../../errors';
import { decodeText } from '../../intake/decode-text';
import { parseOfferCsv } from '../../intake/parse-offer-csv';
import { findOffers, importOffers, removeOffer, type OfferSubmission } from '../../services/offers';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

const CSV_TYPES = ['text/csv', 'application/csv'];

/** JSON `{countyCodes?, offers}` or CSV (UTF-8 ± BOM or GB18030; counties in `?counties=`). */
function readOffers(req: Request): OfferSubmission {
  if (req.is(CSV_TYPES)) {
    const { counties } = parseBody(OfferCsvQuerySchema, req.query, { message: 'invalid counties' });
    const { rows, lines } = parseOfferCsv(decodeText(req.body as Buffer).text, MAX_OFFERS_PER_IMPORT);
    return { rows, lines, ...(counties ? { countyCodes: counties } : {}) };
  }
  if (!req.is('application/json')) throw new UnsupportedMediaTypeError('send application/json or text/csv');
  const body = parseOfferImport(req.body);
  return { rows: body.offers, ...(body.countyCodes ? { countyCodes: body.countyCodes } : {}) };
}

/** Rail and air offers: dispatchers import, list and delete their counties' (admins everyone's). */
export function offerRoutes(deps: ApiDeps): Router {
  const r = Router();
  const dispatcher = requireRole('dispatcher');
  const limit = deps.config.MAX_BODY_BYTES;
  r.post('/offers', dispatcher, express.json({ limit }), express.raw({ type: CSV_TYPES, limit }), async (req, res) => {
    res.status(201).json(await importOffers(deps, res.locals.principal, readOffers(req)));
  });
  r.get('/offers', dispatcher, async (req, res) => {
    const q = parseBody(OfferSearchSchema, req.query, { message: 'invalid search' });
    res.json(await findOffers(deps, res.locals.principal, q));
  });
  r.delete('/offers/:id', dispatcher, async (req, res) => {
    await removeOffer(deps, res.locals.principal, parseId(req.params.id, 'offer'));
    res.status(204).end();
  });
  return r;
}
