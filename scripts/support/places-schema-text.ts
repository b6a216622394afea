import { z } from 'zod';
import { PlacesFileSchema } from '../../src/domain/reference/places';

/** The published JSON Schema of a places file, from the zod schema the loader checks files with. */
export const placesSchemaText = (): string =>
  `${JSON.stringify(
    {
      ...z.toJSONSchema(PlacesFileSchema, { io: 'input' }),
      title: 'Places to load into the gazetteer (any sections; see README "My county or factory is missing")',
    },
    null,
    2,
  )}\n`;
