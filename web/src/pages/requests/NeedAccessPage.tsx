import { useParams } from 'react-router';
import { NeedAccess } from './NeedAccess';

/** /request-access/:id — where a link to a resource one cannot see leads. */
export function NeedAccessPage() {
  const { id = '' } = useParams();
  return <NeedAccess resourceId={id} />;
}
