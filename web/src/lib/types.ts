/** Shapes of the API's JSON answers the console reads (see README and src/api). */
export type Mode = 'bus' | 'train' | 'flight';
export type HealthCode = 'green' | 'yellow' | 'red';

export interface BatchStatus {
  id: string;
  name: string;
  status: 'queued' | 'planning' | 'planned' | 'failed';
  progress: number;
  error: string | null;
  counts: { workers: number; held: number; trips: number };
  createdAt?: string;
  plannedAt?: string | null;
}

export interface Stop {
  seq: number;
  kind: 'pickup' | 'station' | 'airport' | 'factory' | 'rest';
  placeId: string | null;
  name: string;
  lon: number;
  lat: number;
  arriveAt: string | null;
  departAt: string | null;
  boarding: string[];
  note: string | null;
}

export interface Leg {
  seq: number;
  kind: 'direct' | 'first-mile' | 'trunk' | 'last-mile';
  mode: Mode;
  vehicleTypeId: string;
  capacity: number;
  drivers: number;
  distanceM: number;
  costFen: number;
  stops: Stop[];
  passengerIds: string[];
}

export interface Passenger {
  workerId: string;
  name: string;
  idNumber: string;
  phone: string;
  village: string;
  healthCode: string;
  registeredPoor: boolean;
  familyId: string | null;
  costShareFen: number;
  subsidyFen: number;
}

export interface Trip {
  id: string;
  key: string;
  mode: Mode;
  vehicleTypeId: string;
  capacity: number;
  seatsUsed: number;
  countyCode: string;
  factoryId: string;
  departAt: string;
  arriveAt: string;
  distanceM: number;
  costFen: number;
  modeReason: string;
  locked?: boolean;
  legs: Leg[];
  passengers: Passenger[];
}

export interface HeldWorker {
  workerId: string;
  row: number;
  name: string;
  idNumber: string;
  village: string;
  healthCode: string;
  code: string;
  reason: string;
}

export interface Plan {
  status: string;
  batchId: string;
  trips: Trip[];
  held: HeldWorker[];
  totals: {
    workers: number;
    travelling: number;
    held: number;
    trips: number;
    tripsByMode: Record<Mode, number>;
    vehiclesByMode: Record<Mode, number>;
    seatsUsed: number;
    seatsOffered: number;
    costFen: number;
    subsidyFen: number;
  };
}

interface Named {
  name: string;
  nameEn: string;
}
export interface Places {
  provinces: (Named & { code: string })[];
  counties: (Named & { code: string; provinceCode: string; city: string })[];
  villages: (Named & { id: string; countyCode: string; lon: number; lat: number })[];
  factories: (Named & { id: string; provinceCode: string; city: string; lon: number; lat: number })[];
  hubs: (Named & {
    id: string;
    kind: 'station' | 'airport';
    code: string;
    provinceCode: string;
    city: string;
    lon: number;
    lat: number;
  })[];
}

export interface Arrival {
  workerId: string;
  name: string;
  idNumber: string;
  phone?: string;
  village?: string;
  countyCode?: string;
  tripId: string;
  tripKey: string;
  mode: Mode;
  factoryId: string;
  departAt: string;
  expectedAt: string;
  arrivedAt: string | null;
  status: 'expected' | 'arrived' | 'no-show';
}

export interface Subsidy {
  id: string;
  workerId: string;
  name: string;
  idNumber: string;
  countyCode: string;
  policyYear: number;
  arrivedAt: string;
  costShareFen: number;
  capFen: number;
  amountFen: number;
  status: 'payable' | 'listed' | 'paid';
  listId: string | null;
}

export interface SubsidyList {
  id: string;
  countyCode: string;
  status: 'draft' | 'published' | 'approved' | 'paid' | 'withdrawn';
  itemCount: number;
  totalFen: number;
  periodFrom: string | null;
  periodTo: string | null;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  noticeEndsAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  paidBy: string | null;
  paidAt: string | null;
}

export interface SubsidyListItem {
  subsidyId: string;
  name: string;
  idNumber: string;
  village: string;
  countyCode: string;
  amountFen: number;
  arrivedAt: string;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}
