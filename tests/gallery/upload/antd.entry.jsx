// antd Upload (@rc-component/upload: the <input> gets a new key after every choice) in React 19, with the
// site's handler taking the file in beforeUpload (nothing is sent anywhere).
import { createRoot } from 'react-dom/client';
import { Upload, Button, Card, ConfigProvider } from 'antd';
import { ROWS, instrument, received } from './rows.mjs';
instrument();

function Row({ row }) {
  return (
    <div data-row={row.key} style={{ marginBottom: 12 }}>
      <Card size="small" title={row.title}>
        <p className="rule">{row.rule}</p>
        <Upload
          accept={row.accept}
          maxCount={1}
          beforeUpload={(file) => {
            received(row.key, file);
            return false;
          }}
        >
          <Button type="primary" data-control="">Pilih Berkas</Button>
        </Upload>
      </Card>
    </div>
  );
}
createRoot(document.getElementById('app')).render(
  <ConfigProvider>
    {ROWS.map((row) => <Row key={row.key} row={row} />)}
  </ConfigProvider>,
);
