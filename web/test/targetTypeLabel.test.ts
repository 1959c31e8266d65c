import { targetTypeLabel } from '../src/pages/audit/targetTypeLabel';

describe('an audit entry’s target type, as a person reads it', () => {
  it('names resources by their type’s label and the other targets in words', () => {
    expect(['SEMANTIC_MODEL', 'SCHEMA_AGENT', 'PROJECT', 'API_KEY', 'MEMBER', 'ACCESS_REQUEST'].map(targetTypeLabel)).toEqual([
      'Semantic model',
      'Schema agent',
      'Project',
      'API key',
      'Member',
      'Access request',
    ]);
  });

  it('keeps the code of a kind it does not know', () => {
    expect(targetTypeLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});
