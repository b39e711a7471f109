// tap `after` script: stops the suite's embedded PostgreSQL server (see prepare-template.ts).
import { join } from 'node:path'
import { stopPostmaster } from '../../src/db/embedded-server.js'
import { TEST_SERVER_DIR, usingExternalServer } from '../helpers/database.js'

if (!usingExternalServer()) await stopPostmaster(join(TEST_SERVER_DIR, 'pg'))
