/**
 * Generates a program's members and their history with set-based SQL
 * (`INSERT ... SELECT` over `generate_series`), in the shapes the services
 * write: each historical purchase has its earn entry, its lot (vested once
 * its 14 pending days are over, with the vest entry a sweep posts), its
 * activity bucket, its accrual counters, its idempotency record and its
 * outbox events; every member has a card, a tier state and review date and
 * one active coupon. Points follow the program's base rate (1 point per 1.00,
 * whole prices, so no rounding is involved); history stays within the last
 * 360 days (nothing has expired) and under the Silver threshold (every member
 * is Green, as the tier evaluation would have left them).
 */

/** Helper SQL functions (they live in the throwaway database). */
const FUNCTIONS = [
  `create function bench_h(i bigint, salt int) returns bigint language sql immutable as
   $$ select abs(hashint8(i * 1000 + salt)::bigint) $$`,
  // A UUID version 7 of an instant (as uuidv7() in services/ids.ts writes them).
  `create function bench_uuid7(ts timestamptz) returns uuid language sql volatile as
   $$ select (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || '7'
      || substr(md5(random()::text), 1, 3) || substr('89ab', 1 + floor(random() * 4)::int, 1)
      || substr(md5(random()::text), 1, 15))::uuid $$`,
  // ledgerEntryId(programId, 'points', engineEntryId) of services/ids.ts.
  `create function bench_entry_id(program text, engine_id text) returns text language sql immutable as
   $$ select 'le_' || left(encode(sha256(convert_to(program, 'UTF8') || '\\x00'::bytea
      || convert_to('points', 'UTF8') || '\\x00'::bytea || convert_to(engine_id, 'UTF8')), 'hex'), 40) $$`,
  // lotRowId(accountId, engineLotId) of services/pointsAccount.ts.
  `create function bench_lot_id(account uuid, engine_lot text) returns text language sql immutable as
   $$ select 'lot_' || left(encode(sha256(convert_to(account::text, 'UTF8') || '\\x00'::bytea
      || convert_to(engine_lot, 'UTF8')), 'hex'), 40) $$`,
  // A 16-digit card number with its Luhn check digit.
  `create function bench_card_number(i bigint) returns text language plpgsql immutable as $$
   declare body text := '8' || lpad(i::text, 14, '0'); s int := 0; d int; k int;
   begin
     for k in 0..14 loop
       d := substr(body, 15 - k, 1)::int;
       if k % 2 = 0 then d := d * 2; if d > 9 then d := d - 9; end if; end if;
       s := s + d;
     end loop;
     return body || ((10 - s % 10) % 10)::text;
   end $$`,
  `create function bench_ms(ts timestamptz) returns bigint language sql immutable as
   $$ select (extract(epoch from ts) * 1000)::bigint $$`,
];

/**
 * Fills the database. `ctx`: { conn (MikroORM connection), programId,
 * now (Date), members, storeId, storeCode, actor (store key credential) }.
 * Returns row counts.
 */
export async function seedHistory(ctx) {
  const { conn, programId: P, members: N, storeId, storeCode, actor, now } = ctx;
  const exec = (sql, params = []) => conn.execute(sql, params);
  for (const f of FUNCTIONS) await exec(f);
  const nowIso = now.toISOString();

  // Members: enrolled 30 to 359 days ago; 0 to 6 purchases each.
  await exec(
    `create unlogged table bench_m as
     select i, bench_uuid7(e) as id, e as enrolled, (bench_h(i, 2) % 7)::int as n
     from (select i, ?::timestamptz - ((30 + bench_h(i, 1) % 330) * interval '1 day')
                 - ((bench_h(i, 3) % 86400) * interval '1 second') as e
           from generate_series(1, ?) i) s`,
    [nowIso, N],
  );
  await exec('create index on bench_m (id)');
  // Purchases: spread between enrolment and yesterday; two whole-price lines (coffee, tea).
  await exec(
    `create unlogged table bench_p as
     select m.i, m.id as member_id, k, 'hist-' || m.i || '-' || k as order_id,
       m.enrolled + (?::timestamptz - interval '1 day' - m.enrolled) * (k::float8 / (m.n + 1)) as at,
       1 + (bench_h(m.i * 10 + k, 4) % 2)::int as q1, 20 + (bench_h(m.i * 10 + k, 5) % 20)::int as p1,
       1 + (bench_h(m.i * 10 + k, 6) % 2)::int as q2, 20 + (bench_h(m.i * 10 + k, 7) % 20)::int as p2
     from bench_m m, generate_series(1, m.n) k`,
    [nowIso],
  );
  await exec(
    `alter table bench_p add column amount int, add column pending_until timestamptz,
       add column vested boolean, add column expires_on date, add column earn_id text,
       add column vest_id text, add column account_id uuid, add column purchase_id uuid,
       add column local_date text`,
  );
  await exec(
    `update bench_p set amount = q1 * p1 + q2 * p2, pending_until = at + interval '14 days',
       vested = at + interval '14 days' <= ?::timestamptz,
       expires_on = (date_trunc('month', at at time zone 'Asia/Shanghai') + interval '13 months' - interval '1 day')::date,
       earn_id = bench_entry_id(?, ? || ':earn:' || order_id),
       vest_id = bench_entry_id(?, ? || ':vest:earn:' || order_id),
       purchase_id = bench_uuid7(at),
       local_date = to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    [nowIso, P, P, P, P],
  );
  await exec(
    `create unlogged table bench_a as
     select member_id, bench_uuid7(min(at)) as account_id, sum(amount) as balance, max(at) as last_at,
       greatest(max(at), max(case when vested then pending_until end)) as as_of,
       least(min(case when not vested then pending_until end),
             min((expires_on + 1)::timestamp at time zone 'Asia/Shanghai')) as next_sweep
     from bench_p group by member_id`,
  );
  await exec('create index on bench_a (member_id)');
  await exec(
    'update bench_p p set account_id = a.account_id from bench_a a where a.member_id = p.member_id',
  );

  await exec(
    `insert into member (id, program_id, name, gender, birthday, phone, email, address, enrol_store_id,
       channel, tags, marketing_consent, tier_id, enrolled_at, updated_at, deleted_at, tier_state)
     select id, ?, 'Member ' || i, (array['female','male','unspecified'])[1 + i % 3],
       to_char(date '1960-01-01' + (bench_h(i, 8) % 16000)::int, 'YYYY-MM-DD'),
       '+86139' || lpad(i::text, 8, '0'), case when i % 4 = 0 then 'member' || i || '@example.com' end,
       null, ?, 'store', case when i % 10 = 0 then array['vip'] else array[]::text[] end, i % 2 = 0,
       'green', enrolled, enrolled, null,
       jsonb_build_object('grace', null, 'since', bench_ms(enrolled), 'manual', null, 'tierId', 'green',
         'enrolledAt', bench_ms(enrolled), 'validUntil', null, 'lastUpgrade', null,
         'reviewedThrough', bench_ms(enrolled))
     from bench_m`,
    [P, storeId],
  );
  await exec(
    `insert into tier_schedule (member_id, program_id, next_review_at)
     select id, ?, ((enrolled at time zone 'Asia/Shanghai')::date + interval '1 year')::timestamp at time zone 'Asia/Shanghai'
     from bench_m`,
    [P],
  );
  await exec(
    `create unlogged table bench_c as select i, id as member_id, bench_uuid7(enrolled) as card_id, enrolled from bench_m`,
  );
  await exec(
    `insert into card (id, program_id, member_id, number, status, issued_at, status_changed_at, replaced_by_id)
     select card_id, ?, member_id, bench_card_number(i), 'active', enrolled, enrolled, null from bench_c`,
    [P],
  );
  await exec(
    `insert into card_event (id, program_id, card_id, member_id, type, occurred_at, actor, note)
     select bench_uuid7(enrolled), ?, card_id, member_id, 'issued', enrolled, ?, null from bench_c`,
    [P, actor],
  );
  await exec(
    `insert into account (id, program_id, member_id, unit, balance, updated_at, debt, last_activity_at, as_of, next_sweep_at)
     select account_id, ?, member_id, 'POINTS', balance, as_of, 0, last_at, as_of, next_sweep from bench_a`,
    [P],
  );
  // Earn entries at the purchase, vest entries when the pending period ended (the sweep).
  await exec(
    `insert into ledger_entry (id, posting_id, program_id, account_id, member_id, unit, kind, amount,
       balance_after, cause, related_entry_id, program_version, occurred_at, actor)
     select id, bench_uuid7(at), ?, account_id, member_id, 'POINTS', kind, delta,
       sum(delta) over (partition by account_id order by at, kind rows unbounded preceding),
       cause, null, 1, at, who
     from (
       select earn_id as id, account_id, member_id, 'earn' as kind, amount as delta, at, ? as who,
         jsonb_build_object('type', 'purchase', 'ruleId', null, 'entryId', ? || ':earn:' || order_id,
           'orderId', order_id, 'forgiven', '0', 'quantity', amount::text, 'campaignId', null,
           'debtChange', '0', 'allocations', jsonb_build_array(jsonb_build_object('lotId', 'earn:' || order_id, 'amount', amount::text)),
           'fingerprint', 'earn|' || order_id || '|' || amount || '|' || amount || '||', 'orderAmount', amount::text) as cause
       from bench_p
       union all
       select vest_id, account_id, member_id, 'vest', 0, pending_until, 'system:sweep',
         jsonb_build_object('type', 'vesting', 'lotId', 'earn:' || order_id, 'entryId', ? || ':vest:earn:' || order_id,
           'forgiven', '0', 'quantity', amount::text, 'debtChange', '0',
           'allocations', jsonb_build_array(jsonb_build_object('lotId', 'earn:' || order_id, 'amount', amount::text)),
           'fingerprint', 'vest|earn:' || order_id, 'pendingUntil', bench_ms(pending_until))
       from bench_p where vested
     ) e`,
    [P, actor, P, P],
  );
  await exec(
    `insert into lot (id, program_id, account_id, member_id, amount, remaining, pending_until, expires_at,
       source_entry_id, created_at, engine_lot_id, source, order_id, vested_at, expires_on)
     select bench_lot_id(account_id, 'earn:' || order_id), ?, account_id, member_id, amount, amount,
       pending_until, (expires_on + 1)::timestamp at time zone 'Asia/Shanghai', earn_id, at,
       'earn:' || order_id, 'earn', order_id, case when vested then pending_until end, expires_on::text
     from bench_p`,
    [P],
  );
  await exec(
    `insert into purchase (id, program_id, member_id, order_id, store_id, store_code, channel, occurred_at,
       local_date, currency, lines, payments, categories, amount, returned_amount, points_earned, points_paid,
       accrual, program_version, created_at, actor, request_hash, answer)
     select purchase_id, ?, member_id, order_id, ?, ?, 'store', at, local_date, 'CNY',
       jsonb_build_array(
         jsonb_build_object('id', '1', 'sku', 'LATTE', 'kind', 'product', 'discount', '0', 'quantity', q1::text, 'unitPrice', p1::text, 'categories', jsonb_build_array('coffee')),
         jsonb_build_object('id', '2', 'sku', 'OOLONG', 'kind', 'product', 'discount', '0', 'quantity', q2::text, 'unitPrice', p2::text, 'categories', jsonb_build_array('tea'))),
       '[]'::jsonb, array['coffee', 'tea'], amount, 0, amount, 0,
       jsonb_build_object('total', amount::text,
         'trace', jsonb_build_array(jsonb_build_object('kind', 'base', 'fired', true, 'capped', '[]'::jsonb,
           'points', amount::text, 'ruleId', 'base', 'lineIds', jsonb_build_array('1', '2'), 'computed', amount::text)),
         'awards', jsonb_build_array(
           jsonb_build_object('kind', 'base', 'lineId', '1', 'points', (q1 * p1)::text, 'ruleId', 'base'),
           jsonb_build_object('kind', 'base', 'lineId', '2', 'points', (q2 * p2)::text, 'ruleId', 'base'))),
       1, at, ?, encode(sha256(convert_to(order_id, 'UTF8')), 'hex'),
       jsonb_build_object('outcome', 'APPLIED', 'refusal', null, 'coupons', '[]'::jsonb, 'storedValue', null,
         'purchase', jsonb_build_object('orderId', order_id, 'amount', amount::text || '.00', 'pointsEarned', amount::text))
     from bench_p`,
    [P, storeId, storeCode, actor],
  );
  await exec(
    `insert into idempotency_record (id, program_id, credential, key, operation, request_hash, status,
       lease_token, lease_until, response, created_at, completed_at)
     select bench_uuid7(at), ?, ?, order_id, 'recordPurchase', encode(sha256(convert_to(order_id, 'UTF8')), 'hex'),
       'completed', gen_random_uuid(), at + interval '30 seconds',
       jsonb_build_object('outcome', 'APPLIED', 'purchase', jsonb_build_object('orderId', order_id)), at, at
     from bench_p`,
    [P, actor],
  );
  await exec(
    `insert into tier_activity (program_id, member_id, day, spend, points, orders, visits)
     select ?, member_id, local_date, sum(amount), sum(amount), count(*), count(*)
     from bench_p group by member_id, local_date`,
    [P],
  );
  // Accrual counters as applyCounterIncrements leaves them: purchases so far, and one row per
  // member and local day / month with earning, the period in the subject.
  await exec(
    `insert into accrual_counter (program_id, subject, period_key, value)
     select ?, 'purchases:' || member_id, '-', count(*) from bench_p group by member_id
     union all
     select ?, 'day:' || member_id || ':' || local_date, local_date, sum(amount) from bench_p
       group by member_id, local_date
     union all
     select ?, 'month:' || member_id || ':' || left(local_date, 7), left(local_date, 7), sum(amount)
       from bench_p group by member_id, left(local_date, 7)`,
    [P, P, P],
  );
  // One coupon batch to a tag: a spring coupon for every member.
  const batch = await exec(
    `insert into coupon_batch (id, program_id, template_id, target, count, issued_at, created_by)
     values (bench_uuid7(?::timestamptz - interval '1 day'), ?, 'spring-5', '{"tag":"all"}'::jsonb, ?, ?::timestamptz - interval '1 day', ?)
     returning id`,
    [nowIso, P, N, nowIso, actor],
  );
  await exec(
    `insert into coupon (id, program_id, code, template_id, owner_member_id, batch_id, issued_at, status, times_used)
     select bench_uuid7(?::timestamptz - interval '1 day'), ?, upper(substr(md5('spring' || id::text), 1, 12)),
       'spring-5', id, ?, ?::timestamptz - interval '1 day', 'active', 0
     from bench_m`,
    [nowIso, P, batch[0].id, nowIso],
  );
  await exec(
    `insert into outbox_event (id, program_id, type, subject_id, payload, occurred_at, published_at)
     select bench_uuid7(enrolled), ?, 'member.enrolled', id::text,
       jsonb_build_object('tierId', 'green', 'channel', 'store', 'storeId', ?::text, 'memberId', id), enrolled, enrolled + interval '1 second'
     from bench_m
     union all
     select bench_uuid7(at), ?, 'purchase.recorded', member_id::text,
       jsonb_build_object('amount', amount::text, 'orderId', order_id, 'purchaseId', purchase_id), at, at + interval '1 second'
     from bench_p
     union all
     select bench_uuid7(at), ?, 'points.earned', member_id::text,
       jsonb_build_object('points', amount::text, 'orderId', order_id), at, at + interval '1 second'
     from bench_p`,
    [P, storeId, P, P],
  );
  const [counts] = await exec(
    `select (select count(*) from bench_m)::int as members, (select count(*) from bench_p)::int as purchases,
       (select count(*) from ledger_entry)::int as entries, (select count(*) from lot)::int as lots,
       (select count(*) from coupon)::int as coupons, (select count(*) from outbox_event)::int as events`,
  );
  for (const t of ['bench_a', 'bench_c', 'bench_p', 'bench_m']) await exec(`drop table ${t}`);
  await exec('analyze');
  return counts;
}

/**
 * Points accounts whose balance differs from the sum of their entries or
 * from the sum of their lots' remaining points (must be zero).
 */
export async function ledgerMismatches(conn) {
  const [row] = await conn.execute(
    `select count(*)::int as accounts,
       count(*) filter (where a.balance <> coalesce(e.total, 0) or a.balance <> coalesce(l.total, 0))::int as mismatched
     from account a
     left join (select account_id, sum(amount) as total from ledger_entry group by account_id) e on e.account_id = a.id
     left join (select account_id, sum(remaining) as total from lot group by account_id) l on l.account_id = a.id
     where a.unit = 'POINTS'`,
  );
  return row;
}
