// Messages of the evaluation (评价) of a used voucher; merged into the zh-CN dictionary.
export const evaluationZhCN = {
  'evaluation.title': '评价',
  'evaluation.mine': '我的评价',
  'evaluation.prompt': '这次消费体验如何？',
  'evaluation.promptDesc': '每张券可评价一次，商户会看到你的评分和评价内容',
  'evaluation.action': '评价',
  'evaluation.formTitle': '评价「{title}」',
  'evaluation.score': '评分',
  'evaluation.scoreHint': '点击星星打分',
  'evaluation.score.1': '很差',
  'evaluation.score.2': '较差',
  'evaluation.score.3': '一般',
  'evaluation.score.4': '满意',
  'evaluation.score.5': '非常满意',
  'evaluation.text': '评价内容',
  'evaluation.textPlaceholder': '说说商品和服务怎么样（选填）',
  'evaluation.once': '提交后不能修改',
  'evaluation.submit': '提交评价',
  'evaluation.done': '评价成功',
  'evaluation.doneDesc': '感谢你的评价，商户会据此改进服务',
  'evaluation.finish': '完成',
  'evaluation.noText': '没有填写评价内容',
  'evaluation.at': '评价于 {time}',
};

export type EvaluationMessageKey = keyof typeof evaluationZhCN;
