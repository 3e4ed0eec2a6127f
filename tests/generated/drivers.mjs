// One driver per flow: (browser, seed, waitFor, state shared by the run) → the problems found.
import { driveUpload } from './drive-upload.mjs';
import { driveStamp } from './drive-stamp.mjs';
import { driveFill } from './drive-fill.mjs';

export const DRIVERS = { upload: driveUpload, stamp: driveStamp, fill: driveFill };
