// `npm run db:seed`: a realistic demo dataset for people trying the server (tests never use it).
// Adds staff, customers (password "password"), tickets and conversations to the DATABASE_URL database.
import { faker } from '@faker-js/faker';
import { createTokenService } from '../src/auth/api-tokens.js';
import { createPasswordHasher } from '../src/auth/passwords.js';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { createRepositories } from '../src/repositories/index.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../src/repositories/tickets.js';
import { bootstrap } from '../src/services/bootstrap.js';

const CUSTOMERS = 25;
const TICKETS_PER_CUSTOMER = 4;

async function seed() {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  const repos = createRepositories(db);
  const tokens = createTokenService(repos.apiTokens);
  bootstrap(repos, tokens, { email: config.adminEmail, token: config.adminApiToken });
  faker.seed(2025);

  const passwordHash = await createPasswordHasher(config.bcryptRounds).hash('password');
  const agents = ['admin', 'employee'].map((role) =>
    repos.users.create({ name: faker.person.fullName(), email: faker.internet.email().toLowerCase(), passwordHash: null, role: role as 'admin' | 'employee' }),
  );
  const departments = repos.departments.listAll();

  db.transaction(() => {
    for (let c = 0; c < CUSTOMERS; c++) {
      const company = faker.company.name();
      const customer = repos.users.create({ name: faker.person.fullName(), email: faker.internet.email().toLowerCase(), passwordHash, company });
      for (let t = 0; t < TICKETS_PER_CUSTOMER; t++) {
        const ticket = repos.tickets.create({
          userId: customer.id,
          subject: faker.lorem.sentence(),
          message: faker.lorem.paragraphs(2),
          priority: faker.helpers.arrayElement(TICKET_PRIORITIES),
          cc: '',
          assigned: faker.helpers.arrayElement([0, ...agents.map((a) => a.id)]),
          departmentId: faker.helpers.arrayElement(departments).id,
          ipAddress: faker.internet.ipv4(),
          publicName: null,
          publicEmail: null,
          organize: 'ticket',
          customFields: null,
        });
        const replies = faker.number.int({ min: 0, max: 6 });
        for (let r = 0; r < replies; r++) {
          const byStaff = r % 2 === 0;
          repos.responses.create({
            ticketNumber: ticket.id,
            userId: byStaff ? faker.helpers.arrayElement(agents).id : customer.id,
            content: faker.lorem.paragraph(),
            organize: 'ticket',
            isNote: 0,
            employeeResponse: byStaff ? 1 : 0,
            ipAddress: faker.internet.ipv4(),
          });
        }
        const status = faker.helpers.arrayElement(TICKET_STATUSES);
        if (status === 'closed') repos.tickets.close(ticket.id);
      }
    }
  });

  const token = tokens.issue(agents[0].id, 'demo seed').plainText;
  console.log(`Seeded ${CUSTOMERS} customers (password "password") with ${CUSTOMERS * TICKETS_PER_CUSTOMER} tickets.`);
  console.log(`Staff login for the API: ${agents[0].email} with token ${token}`);
  closeDatabase(db);
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
