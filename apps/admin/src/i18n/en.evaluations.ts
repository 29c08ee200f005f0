import type { zhCNEvaluations } from './zh-CN.evaluations.ts';

export const enEvaluations: Record<keyof typeof zhCNEvaluations, string> = {
  'menu.evaluations': 'Reviews',
  'evaluations.title': 'Reviews',
  'evaluations.subtitle':
    'Scores (1–5 stars) and words members leave after using a voucher, with averages per template and store.',
  'evaluations.empty':
    'No reviews yet. Once members use a voucher they can score it on its page; their reviews appear here.',
  'evaluations.template': 'Template',
  'evaluations.allTemplates': 'All templates',
  'evaluations.store': 'Store',
  'evaluations.allStores': 'All stores',
  'evaluations.score': 'Score',
  'evaluations.allScores': 'All scores',
  'evaluations.scoreOption': '{n} stars',
  'evaluations.member': 'Member',
  'evaluations.text': 'Review',
  'evaluations.noText': 'No words',
  'evaluations.at': 'Reviewed at',
  'evaluations.average': 'Average',
  'evaluations.count': 'Reviews',
  'evaluations.noScore': 'No scores yet',
  'evaluations.overall': 'Overall',
  'evaluations.overallScope': 'All reviews matching the template and store filters',
  'evaluations.byTemplate': 'By template',
  'evaluations.byStore': 'By store',
  'evaluations.averagesHint': 'Averages follow the template and store filters, not the score filter.',
  'evaluations.list': 'Reviews',
  'evaluations.noAverages': 'No data',
  'evaluations.filterBy': 'Show only this',
};
