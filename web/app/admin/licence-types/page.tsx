import { LicenceTypes } from "../_components/LicenceTypes.tsx";

export default function AdminLicenceTypesPage() {
  return <LicenceTypes />;
}
