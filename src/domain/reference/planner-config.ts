import { z } from 'zod';

/** Integer fen (1 yuan = 100 fen). Money never travels as a float. */
export const Fen = z.number().int().nonnegative();
const Ratio = z.number().gt(0).lte(1);
const Minutes = z.number().int().nonnegative();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour local time');

export const VehicleTypeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  mode: z.enum(['bus', 'train', 'flight']),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Rated seats of one vehicle (for a train: of the whole chartered train or seat block). */
  seats: z.number().int().positive(),
  /** Share of rated seats that may be sold (2020: charter coaches at most 50 %). */
  loadFactor: Ratio,
  /**
   * Chartering is only worth it from this share of usable seats on; below it use a smaller vehicle or regular seats.
   */
  minFill: z.number().gte(0).lte(1),
  /** Fixed hire per vehicle and trip. */
  fixedFen: Fen,
  /** Per vehicle-km. For per-seat fares (regular train seats) see tariffs.rail. */
  perKmFen: Fen,
  /** true: a block of seats bought per person instead of a whole vehicle. */
  perSeat: z.boolean().default(false),
  /**
   * A special train is formed of a variable number of cars: `seats` are then per car, `fixedFen` per train and
   * `perKmFen` per car-km, and the train runs with as few cars as its travellers need within these bounds.
   */
  formation: z.object({ minCars: z.number().int().positive(), maxCars: z.number().int().positive() }).optional(),
  /** Whole carriages reserved on a scheduled train: each costs `seats` hard-seat fares, however many sit in it. */
  wholeCarriage: z.boolean().default(false),
  /** Bought only where a timetabled offer is loaded (reserved carriages exist only on trains the railway names). */
  needsOffer: z.boolean().default(false),
});

export const RailTaperBandSchema = z.object({
  /** Band applies to the part of the distance up to this many km (null = beyond). */
  upToKm: z.number().positive().nullable(),
  /** Percentage of the basic rate charged inside the band. */
  percent: z.number().int().min(1).max(100),
});

export const TariffsSchema = z.object({
  rail: z.object({
    /** Hard-seat basic rate per person-km in milli-fen (0.05861 yuan = 5861 milli-fen). */
    hardSeatMilliFenPerKm: z.number().int().positive(),
    taper: z.array(RailTaperBandSchema).min(1),
    /** Fixed surcharges per ticket (booking, insurance, air-conditioning). */
    surchargeFen: Fen,
  }),
  /** A regular economy seat on a scheduled flight: per great-circle km, plus taxes and fees per ticket. */
  air: z.object({ perKmFen: Fen, surchargeFen: Fen }).default({ perKmFen: 60, surchargeFen: 5000 }),
  /** Extra per km when a second driver is aboard. */
  secondDriverPerKmFen: Fen,
  /** Fixed fee per extra crew that takes a bus over at a relay point (positioning and hire of the fresh crew). */
  relayCrewFen: Fen.default(60_000),
});

export const DrivingRulesSchema = z.object({
  /** Continuous driving limit by day and by night, then a break. */
  maxContinuousDayMin: Minutes,
  maxContinuousNightMin: Minutes,
  breakMin: Minutes,
  /** Local clock bounds of "night" for the continuous-driving limit. */
  nightStarts: ClockTime,
  nightEnds: ClockTime,
  /** Long-distance buses do not run in this window … */
  curfewStarts: ClockTime,
  curfewEnds: ClockTime,
  /** … unless the whole bus trip is at most this long. */
  curfewExemptKm: z.number().nonnegative(),
  /** A second driver above this trip distance. */
  secondDriverAboveKm: z.number().positive(),
  /** Any one driver drives at most this much in any 24 h (2020 rules: 8 h). */
  maxDriverMinPer24h: z.number().int().positive().default(480),
  /** The crew's rest inserted when its hours are spent and no relay crew is left. */
  overnightRestMin: z.number().int().positive().default(480),
  /** Fresh crews that may take a bus over at relay points on one leg (0: never, rest overnight instead). */
  maxRelays: z.number().int().nonnegative().default(2),
});

const ROUTING_DEFAULTS = {
  seed: 1,
  iterationsPerCustomer: 20,
  minIterations: 50,
  maxIterations: 1500,
  pieceMaxPeople: 6,
  safetyTimeLimitMs: 10_000,
};

export const RoutingSchema = z.object({
  /** Seed of the routing search's PRNG. */
  seed: z.number().int().nonnegative().default(ROUTING_DEFAULTS.seed),
  /** Ruin-and-recreate iterations per pick-up node of a group, within [minIterations, maxIterations]. */
  iterationsPerCustomer: z.number().int().nonnegative().default(ROUTING_DEFAULTS.iterationsPerCustomer),
  minIterations: z.number().int().nonnegative().default(ROUTING_DEFAULTS.minIterations),
  maxIterations: z.number().int().nonnegative().default(ROUTING_DEFAULTS.maxIterations),
  /**
   * A village's people left after its full buses are cut into pieces of at most this many (whole families) for the
   * router.
   */
  pieceMaxPeople: z.number().int().positive().default(ROUTING_DEFAULTS.pieceMaxPeople),
  /** Wall-clock ceiling per group, a safety net only (applies when the caller injects a clock). */
  safetyTimeLimitMs: z.number().int().positive().default(ROUTING_DEFAULTS.safetyTimeLimitMs),
});

export const PlannerConfigSchema = z.object({
  /** Fixed offset of local time used for clocks and departure days (China Standard Time: 480). */
  utcOffsetMin: z.number().int().min(-720).max(840),
  vehicleTypes: z.array(VehicleTypeSchema).min(1),
  tariffs: TariffsSchema,
  driving: DrivingRulesSchema,
  speedsKmh: z.object({ bus: z.number().positive(), train: z.number().positive(), flight: z.number().positive() }),
  /** Great-circle distance × this factor ≈ road or rail distance. */
  detourFactor: z.object({ road: z.number().gte(1), rail: z.number().gte(1) }),
  modeChoice: z.object({
    /**
     * Travellers ready within this many days of each other are pooled for one departure (never before anyone is
     * ready): 0 pools only the same day.
     */
    poolWindowDays: z.number().int().min(0).max(7).default(1),
    /**
     * Seats bought among the public (regular train or flight seats) only where no chartered bus can take the pool,
     * and only for pools of at most this many while a charter could take them instead.
     */
    publicSeatsMaxGroup: z.number().int().nonnegative().default(40),
    /**
     * Options are ranked by their cost plus, per traveller, each door-to-door hour at this value and each change of
     * vehicle at this penalty (a change is a contact point and a connection to miss: 2020 preferred door to door).
     */
    valueOfHourFen: Fen.default(3000),
    /** Minutes a pick-up round's stops add to the drive from its farthest village, when options are compared. */
    pickupAllowanceMin: Minutes.default(60),
    /** Options are held to the door-to-door limit less this margin when compared (estimates run over). */
    estimateMarginHours: z.number().nonnegative().default(1),
    transferPenaltyFen: Fen.default(10000),
    /** Flights only above this great-circle distance. */
    flightMinKm: z.number().nonnegative(),
    /** First/last mile to a hub at most this far by road, else the hub is not usable. */
    hubMaxRoadKm: z.number().positive(),
    /** Door to door (first pick-up to factory gate) at most this long; options over it are ruled out. */
    maxDoorToDoorHours: z.number().positive().default(36),
  }),
  pickup: z.object({
    /** Villages of one county closer than this to each other may share a bus. */
    clusterRadiusKm: z.number().positive(),
    /** Dwell at each pick-up stop for boarding and the health check. */
    dwellMin: Minutes,
    /** Buses leave no earlier than this local time on the departure day. */
    earliestStart: ClockTime,
  }),
  /** Transfer time at a station or airport between the feeder bus and the trunk. */
  hubTransferMin: z.object({ station: Minutes, airport: Minutes }),
  /**
   * A last-mile bus may wait this long at the hub after the first of a pool's trains or flights to it arrives, so that
   * the part-filled rests of the trunks in by then share buses to the factories.
   */
  lastMileWaitMin: Minutes.default(60),
  /**
   * Travellers for two trains or flights leaving one hub within this long of each other may share a part-filled
   * first-mile bus, which arrives in time for the first of them (the others wait up to this much longer at the hub).
   */
  firstMileWaitMin: Minutes.default(60),
  /**
   * An estimated train or flight (no offer loaded) may be put back this long to leave with the hub's later ones, so
   * that their part-filled first-mile buses share a round; its other feeders and its last mile are retimed with it.
   */
  trunkPutBackMin: Minutes.default(180),
  /** Bus routing (CVRP) search budget: bounded by iterations so the same input and seed give the same plan anywhere. */
  routing: RoutingSchema.default(ROUTING_DEFAULTS),
});

export type VehicleType = z.infer<typeof VehicleTypeSchema>;
export type Tariffs = z.infer<typeof TariffsSchema>;
export type RoutingConfig = z.infer<typeof RoutingSchema>;
export type DrivingRules = z.infer<typeof DrivingRulesSchema>;
export type PlannerConfig = z.infer<typeof PlannerConfigSchema>;
