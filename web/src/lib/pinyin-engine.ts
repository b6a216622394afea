/** The pinyin dictionary, in a chunk of its own (pinyin-engine-*.js) that only the English console loads. */
export { pinyin } from 'pinyin-pro';
