/**
 * Writes docs/places.schema.json, the published JSON Schema of a places file (`npm run cli -- load-reference`);
 * a unit test fails when the committed file is not current.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { placesSchemaText } from './support/places-schema-text';

writeFileSync(path.resolve(__dirname, '../docs/places.schema.json'), placesSchemaText());
