// Evaluations (评价) of used vouchers: the member's own, and the merchant's list with averages.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const EVALUATION_TEXT_MAX = 500;
export const EvaluationScore = Type.Integer({ minimum: 1, maximum: 5 });

export const EvaluationInput = Type.Object({
  score: EvaluationScore,
  text: Type.String({ maxLength: EVALUATION_TEXT_MAX }),
});
export type EvaluationInput = Static<typeof EvaluationInput>;

export const MemberEvaluation = Type.Object({
  voucherId: Id,
  score: Type.Integer(),
  text: Type.String(),
  at: Instant,
});
export type MemberEvaluation = Static<typeof MemberEvaluation>;

/** For the holder's voucher page: may it be evaluated now, and the evaluation once given. */
export const WalletEvaluation = Type.Object({
  canEvaluate: Type.Boolean(),
  evaluation: Nullable(MemberEvaluation),
});
export type WalletEvaluation = Static<typeof WalletEvaluation>;

export const Evaluation = Type.Object({
  voucherId: Id,
  score: Type.Integer(),
  text: Type.String(),
  at: Instant,
  templateId: Id,
  title: Type.String(),
  storeId: Id,
  storeName: Type.String(),
  memberId: Id,
  memberName: Type.String(),
  /** Masked: 138****0000. */
  memberPhone: Type.String(),
});
export type Evaluation = Static<typeof Evaluation>;

/** `average` is rounded to two decimals; null when nothing was evaluated. */
export const ScoreSummary = Type.Object({ average: Nullable(Type.Number()), count: Type.Integer() });
export type ScoreSummary = Static<typeof ScoreSummary>;

export const EvaluationPage = Type.Object({
  items: Type.Array(Evaluation),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  summary: ScoreSummary,
  byTemplate: Type.Array(
    Type.Object({ templateId: Id, title: Type.String(), average: Type.Number(), count: Type.Integer() }),
  ),
  byStore: Type.Array(
    Type.Object({ storeId: Id, storeName: Type.String(), average: Type.Number(), count: Type.Integer() }),
  ),
});
export type EvaluationPage = Static<typeof EvaluationPage>;
