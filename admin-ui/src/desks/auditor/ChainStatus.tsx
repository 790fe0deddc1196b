// A chain verification's outcome: verified, or the first broken link with what was expected.
import { Alert, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BrokenLink } from '../../resources/audit/api';

export const BrokenLinkAlert = ({ link }: { link: BrokenLink }) => {
  const translate = useTranslate();
  return (
    <Alert severity="error" data-testid="chain-broken" data-chain-seq={link.chainSeq}>
      <Typography variant="body2">
        {link.chainKey} — {translate('hotline.audit.chain.broken', { seq: link.chainSeq, kind: translate(`hotline.audit.chain.kind.${link.kind}`) })}
      </Typography>
      <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {translate('hotline.audit.chain.expected')}: {link.expected}
        <br />
        {translate('hotline.audit.chain.found')}: {link.found}
      </Typography>
    </Alert>
  );
};
