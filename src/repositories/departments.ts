// Every query on departments.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { departments } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';

export type NewDepartment = {
  departmentName: string;
  departmentDescription?: string;
  slug: string;
  allowsHighPriority?: number;
  isPublic?: number;
  departmentEmail?: string;
};

/** is_public: 1 = guests and customers, 2 = customers only, 0 = internal. */
export const VISIBILITY = { public: [1], customers: [1, 2], all: [0, 1, 2] } as const;

export function createDepartmentsRepository(db: Db) {
  const byId = db.select().from(departments).where(eq(departments.id, sql.placeholder('id'))).prepare();
  const bySlug = db.select().from(departments).where(eq(departments.slug, sql.placeholder('slug'))).prepare();

  return {
    findById(id: number) {
      return byId.get({ id });
    },

    findBySlug(slug: string) {
      return bySlug.get({ slug });
    },

    /** Enabled, not soft-deleted departments whose is_public is one of `levels`, by id. */
    listEnabled(levels: readonly number[]) {
      return db
        .select()
        .from(departments)
        .where(and(eq(departments.isDisabled, 0), eq(departments.softDeleted, 0), inArray(departments.isPublic, [...levels])))
        .orderBy(asc(departments.id))
        .all();
    },

    listAll() {
      return db.select().from(departments).orderBy(asc(departments.id)).all();
    },

    count() {
      return db.select({ n: sql<number>`count(*)` }).from(departments).get()?.n ?? 0;
    },

    create(input: NewDepartment) {
      const stamp = nowStamp();
      return db
        .insert(departments)
        .values({
          departmentName: input.departmentName,
          departmentDescription: input.departmentDescription ?? '',
          slug: input.slug,
          allowsHighPriority: input.allowsHighPriority ?? 1,
          isPublic: input.isPublic ?? 1,
          departmentEmail: input.departmentEmail ?? '',
          createdAt: stamp,
          updatedAt: stamp,
        })
        .returning()
        .get();
    },
  };
}

export type DepartmentsRepository = ReturnType<typeof createDepartmentsRepository>;
