import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { consultation, leadOf, type StaffCredential } from './harness';

/** Requests to the api as one staff member: each carries their credential; bodies go as JSON. */
export interface Actor {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface Clients {
  /** A request as anyone: no credential. */
  http(): ReturnType<typeof request>;
  /** Requests as a staff member. */
  as(who: StaffCredential): Actor;
  /** A website's post of `consultation(fields)` to a form; the answer, which must be 201. */
  submission(fields?: Record<string, unknown>, form?: string): request.Test;
  /** The same post; the id of the lead it went to. */
  submit(fields?: Record<string, unknown>, form?: string): Promise<string>;
}

/**
 * How a suite talks to its api. Its api and pool are looked up at each call: a suite may make
 * its clients before its beforeAll starts them.
 */
export function clientsOf(suite: () => { api: INestApplication; pool: Pool }): Clients {
  const http = () => request(suite().api.getHttpServer());
  const submission = (fields: Record<string, unknown> = {}, form = 'consultation') =>
    http().post(`/v1/forms/${form}/submissions`).send(consultation(fields)).expect(201);
  return {
    http,
    as: (who) => ({
      get: (path) => http().get(path).set('Authorization', who.auth),
      post: (path, body = {}) => http().post(path).set('Authorization', who.auth).send(body),
      put: (path, body = {}) => http().put(path).set('Authorization', who.auth).send(body),
      patch: (path, body = {}) => http().patch(path).set('Authorization', who.auth).send(body),
      delete: (path) => http().delete(path).set('Authorization', who.auth),
    }),
    submission,
    submit: async (fields = {}, form = 'consultation') =>
      leadOf(suite().pool, await submission(fields, form)),
  };
}
